using System.Diagnostics.CodeAnalysis;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// The images of a folder, a glob or a single file, in ordinal order of their names, at a fixed nominal rate.
/// An image that does not decode is counted as an error and skipped.
/// </summary>
internal sealed class ImageFolderSource : FrameSourceBase
{
    private readonly string[] _files;
    private int _next;
    private FrameBuffer? _first;

    private ImageFolderSource(SourceSpec spec, string[] files, double fps)
        : base(spec)
    {
        _files = files;
        NominalFps = fps;
    }

    public override long? ExpectedFrameCount => _files.Length;

    /// <summary>Opens the image list and decodes the first readable image to learn the size.</summary>
    /// <exception cref="CaptureException">The folder is missing, matches no image, or no image decodes.</exception>
    public static ImageFolderSource Open(SourceSpec spec, FrameSourceOptions options)
    {
        // The first frame is decoded before the caller's pool is known; it is copied into that pool when read.
        var pool = new FramePool();
        var source = new ImageFolderSource(spec, ListFiles(spec), options.ImageFps);
        try
        {
            if (!source.TryDecodeNext(pool, out source._first))
            {
                throw new CaptureException(spec.Text, $"none of the {source._files.Length} image(s) could be decoded; last error: {source.LastError}");
            }

            source.Width = source._first.Width;
            source.Height = source._first.Height;
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    protected override bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        if (Interlocked.Exchange(ref _first, null) is { } first)
        {
            frame = pool.Rent(first.Width, first.Height);
            frame.CopyFrom(first);
            first.Release();
        }
        else if (!TryDecodeNext(pool, out frame))
        {
            EndOfStream = true;
            return false;
        }

        frame.Timestamp = TimeSpan.FromSeconds(index / NominalFps);
        return true;
    }

    protected override void DisposeCore() => Interlocked.Exchange(ref _first, null)?.Release();

    private static string[] ListFiles(SourceSpec spec)
    {
        string folder = spec.Path!;
        if (!Directory.Exists(folder))
        {
            throw new CaptureException(folder, File.Exists(folder) ? "is a file, not a folder" : "folder not found");
        }

        if (spec.FilePattern is { } pattern && pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            string single = Path.Combine(folder, pattern);
            return File.Exists(single) ? [single] : throw new CaptureException(single, "file not found");
        }

        string[] files = Directory.EnumerateFiles(folder)
            .Where(file => spec.MatchesFile(Path.GetFileName(file)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0
            ? files
            : throw new CaptureException(spec.Text, spec.FilePattern is null
                ? $"the folder holds no images ({string.Join(", ", ImageFiles.Extensions.Order(StringComparer.Ordinal))})"
                : $"no file in {folder} matches {spec.FilePattern}");
    }

    private bool TryDecodeNext(FramePool pool, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        while (_next < _files.Length)
        {
            if (ImageCodec.TryReadImage(_files[_next++], pool, out frame, out string? error))
            {
                return true;
            }

            RecordError(error);
        }

        frame = null;
        return false;
    }
}
