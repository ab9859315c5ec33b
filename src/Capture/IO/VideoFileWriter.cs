using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.IO;

/// <summary>
/// Writes BGR frames to a video file through OpenCV's FFmpeg backend. The file appears under its name only when it
/// is finished (<see cref="Complete"/> or <see cref="Dispose"/>): until then frames go to a hidden temporary file beside
/// it with the same extension, so the container is the same and nobody reads a file without its index.
/// </summary>
/// <remarks>
/// One thread writes. Each frame is copied into a Mat the writer keeps, so writing allocates nothing per frame and the
/// caller may release the frame as soon as <see cref="Write"/> returns.
/// </remarks>
public sealed class VideoFileWriter : IDisposable
{
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".mkv", ".avi" };

    private readonly VideoWriter _writer;
    private readonly Mat _staging;
    private readonly InputArray _stagingInput;
    private readonly string _temporary;
    private bool _completed;
    private bool _disposed;

    private VideoFileWriter(string path, string temporary, VideoWriter writer, int width, int height)
    {
        Path = path;
        Width = width;
        Height = height;
        _temporary = temporary;
        _writer = writer;
        _staging = new Mat(height, width, MatType.CV_8UC3);
        _stagingInput = InputArray.Create(_staging);
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>Frame width every written frame must have.</summary>
    public int Width { get; }

    /// <summary>Frame height every written frame must have.</summary>
    public int Height { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>
    /// Creates a writer for <paramref name="path"/> (.mp4, .mov, .mkv or .avi); the caller owns it and disposes it,
    /// which finishes the file.
    /// </summary>
    /// <exception cref="CaptureException">The folder is missing, the extension unknown, or OpenCV cannot open the codec.</exception>
    public static VideoFileWriter Create(string path, int width, int height, double fps, VideoCodec codec = VideoCodec.Mp4v)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        if (!(fps > 0 && fps <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "The frame rate must be above 0 and at most 1000.");
        }

        string extension = System.IO.Path.GetExtension(path);
        if (!Containers.Contains(extension))
        {
            throw new CaptureException(path, $"videos are written as {string.Join(", ", Containers)}, not '{extension}'");
        }

        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new CaptureException(path, $"the folder {folder} does not exist");
        }

        string temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.tmp{extension}");
        var fourcc = codec == VideoCodec.H264 ? FourCC.FromFourChars('a', 'v', 'c', '1') : FourCC.FromFourChars('m', 'p', '4', 'v');
        var writer = new VideoWriter(temporary, VideoCaptureAPIs.FFMPEG, fourcc, fps, new Size(width, height), isColor: true);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            File.Delete(temporary);
            throw new CaptureException(path, codec == VideoCodec.H264
                ? $"OpenCV could not open an H.264 writer for {width}x{height} at {fps} fps: its only H.264 encoder (h264_v4l2m2m) needs a hardware device; write mp4v instead"
                : $"OpenCV could not open a {codec} writer for {width}x{height} at {fps} fps");
        }

        return new VideoFileWriter(path, temporary, writer, width, height);
    }

    /// <summary>Appends a frame of exactly <see cref="Width"/> × <see cref="Height"/>.</summary>
    public void Write(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"{Path} is complete; no more frames can be written.");
        }

        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"{Path} is {Width}x{Height}; a {frame.Width}x{frame.Height} frame cannot be written to it.", nameof(frame));
        }

        MatFrames.CopyInto(frame, _staging);
        _writer.Write(_stagingInput);
        FramesWritten++;
    }

    /// <summary>Finishes the file (writing its index) and moves it to <see cref="Path"/>, replacing any file there.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        _writer.Release();
        File.Move(_temporary, Path, overwrite: true);
        _completed = true;
    }

    /// <summary>Finishes the file as <see cref="Complete"/> does, if that was not called, and frees the writer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Complete();
        }
        finally
        {
            _disposed = true;
            _stagingInput.Dispose();
            _writer.Dispose();
            _staging.Dispose();
        }
    }
}
