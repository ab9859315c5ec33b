using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.IO;

/// <summary>
/// Writes BGR frames to a video file (MP4 with the MPEG-4 Part 2 codec, <c>mp4v</c>): the one encoder the OpenCV
/// runtime package carries here. H.264 writing needs an OpenCV built against a system FFmpeg with libx264.
/// </summary>
/// <remarks>Owns its <see cref="VideoWriter"/>. Every frame must have the size given at creation.</remarks>
public sealed class VideoFileWriter : IDisposable
{
    private readonly VideoWriter _writer;
    private readonly Mat _staging = new();

    private VideoFileWriter(VideoWriter writer, string path, int width, int height)
    {
        _writer = writer;
        Path = path;
        Width = width;
        Height = height;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Frame width every frame must have.</summary>
    public int Width { get; }

    /// <summary>Frame height every frame must have.</summary>
    public int Height { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Creates <paramref name="path"/> (its extension picks the container); the caller owns the writer.</summary>
    /// <exception cref="CaptureException">OpenCV cannot open a writer for this path and size.</exception>
    public static VideoFileWriter Create(string path, int width, int height, double fps)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        var writer = new VideoWriter(path, VideoWriter.FourCC('m', 'p', '4', 'v'), fps, new Size(width, height), isColor: true);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new CaptureException(path, $"cannot write a {width}x{height} mp4v video here (is the folder writable?)");
        }

        return new VideoFileWriter(writer, path, width, height);
    }

    /// <summary>Appends <paramref name="frame"/>.</summary>
    public void Write(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"{Path}: frame is {frame.Width}x{frame.Height}, the video {Width}x{Height}.", nameof(frame));
        }

        MatFrames.CopyInto(frame, _staging);
        _writer.Write(_staging);
        FramesWritten++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _staging.Dispose();
    }
}
