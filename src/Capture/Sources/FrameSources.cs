namespace LiveClassify.Capture.Sources;

/// <summary>Opens the source a <see cref="SourceSpec"/> names.</summary>
public static class FrameSources
{
    /// <summary>
    /// Opens a source, ready to read; the caller owns it and disposes it. Fails here, not on the first read, when the
    /// thing cannot be read at all.
    /// </summary>
    /// <exception cref="CaptureException">
    /// The camera, file, folder or stream is missing or unreadable; the message is one line naming it and the problem.
    /// </exception>
    public static IFrameSource Open(SourceSpec spec, FrameSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new FrameSourceOptions();
        return spec.Kind switch
        {
            SourceKind.Camera => CameraSource.Open(spec, options),
            SourceKind.VideoFile => VideoFileSource.Open(spec, options.DecodeThreads),
            SourceKind.ImageFolder => ImageFolderSource.Open(spec, options),
            SourceKind.Network => FfmpegStreamSource.Open(spec, options),
            _ => new SyntheticSource(spec),
        };
    }

    /// <summary>Parses <paramref name="text"/> and opens the source it names; see <see cref="Open(SourceSpec, FrameSourceOptions?)"/>.</summary>
    /// <exception cref="SourceSpecException">The string does not name a source.</exception>
    public static IFrameSource Open(string text, FrameSourceOptions? options = null) => Open(SourceSpec.Parse(text), options);
}
