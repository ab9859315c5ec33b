using System.Diagnostics.CodeAnalysis;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.Sources;

/// <summary>A video file decoded by OpenCV's FFmpeg backend, with container timestamps.</summary>
internal sealed class VideoFileSource : FrameSourceBase
{
    // OpenCV's CAP_PROP_N_THREADS (an open parameter of its FFmpeg backend), which OpenCvSharp's enum does not name.
    private const int CaptureThreadCount = 70;

    private readonly string _path;
    private readonly VideoCapture _capture;
    private readonly Mat _decoded = new();
    private readonly Mat _conversion = new();
    private readonly long? _expectedFrames;
    private bool _primed;

    private VideoFileSource(SourceSpec spec, string path, VideoCapture capture)
        : base(spec)
    {
        _path = path;
        _capture = capture;
        NominalFps = capture.Get(VideoCaptureProperties.Fps) is var fps && fps > 0 && double.IsFinite(fps) ? fps : 0;
        double count = capture.Get(VideoCaptureProperties.FrameCount);
        _expectedFrames = count >= 1 && double.IsFinite(count) ? (long)count : null;
    }

    public override long? ExpectedFrameCount => _expectedFrames;

    public override bool IsTruncated => EndOfStream && _expectedFrames is { } expected && FramesRead < expected;

    /// <summary>The threads FFmpeg's decoder runs with, as OpenCV reports them.</summary>
    internal int DecoderThreads => (int)_capture.Get((VideoCaptureProperties)CaptureThreadCount);

    /// <summary>Opens the file, decoding it on <paramref name="decodeThreads"/> threads (0: FFmpeg's choice); the caller owns the returned source.</summary>
    /// <exception cref="CaptureException">The file is missing, empty, not a video, or has no decodable frame.</exception>
    public static VideoFileSource Open(SourceSpec spec, int decodeThreads)
    {
        string path = spec.Path!;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CaptureException(path, Directory.Exists(path) ? "is a folder, not a video file" : "file not found");
        }

        if (info.Length == 0)
        {
            throw new CaptureException(path, "file is empty (0 bytes)");
        }

        var capture = decodeThreads > 0
            ? new VideoCapture(path, VideoCaptureAPIs.FFMPEG, [CaptureThreadCount, decodeThreads])
            : new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        VideoFileSource? source = null;
        try
        {
            if (!capture.IsOpened())
            {
                throw new CaptureException(path, VideoFileDiagnosis.WhyNotOpened(path));
            }

            source = new VideoFileSource(spec, path, capture);
            source.Prime();
            return source;
        }
        catch
        {
            if (source is null)
            {
                capture.Dispose();
            }
            else
            {
                source.Dispose();
            }

            throw;
        }
    }

    protected override bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        // The first frame was decoded while opening, to learn the size and to fail there on an undecodable file.
        if (_primed)
        {
            _primed = false;
        }
        else if (!_capture.Read(_decoded) || _decoded.Empty())
        {
            EndOfStream = true;
            if (IsTruncated)
            {
                RecordError($"{_path}: truncated: decoded {FramesRead} of the {_expectedFrames} frames the container declares");
            }

            frame = null;
            return false;
        }

        frame = MatFrames.ToFrame(_decoded, pool, _conversion);
        frame.Timestamp = Timestamp(index);
        return true;
    }

    protected override void DisposeCore()
    {
        _capture.Dispose();
        _decoded.Dispose();
        _conversion.Dispose();
    }

    private void Prime()
    {
        if (!_capture.Read(_decoded) || _decoded.Empty())
        {
            throw new CaptureException(_path, VideoFileDiagnosis.WhyNoFrames(_path));
        }

        Width = _decoded.Width;
        Height = _decoded.Height;
        _primed = true;
    }

    private TimeSpan Timestamp(long index)
    {
        // POS_MSEC is the presentation time of the frame just decoded, counted from the stream's start.
        double milliseconds = _capture.Get(VideoCaptureProperties.PosMsec);
        if ((milliseconds > 0 || index == 0) && double.IsFinite(milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return NominalFps > 0 ? TimeSpan.FromSeconds(index / NominalFps) : TimeSpan.Zero;
    }
}
