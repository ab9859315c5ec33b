using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.Sources;

/// <summary>A V4L2 camera through OpenCV; timestamps are monotonic time since opening.</summary>
internal sealed class CameraSource : FrameSourceBase
{
    private readonly string _device;
    private readonly VideoCapture _capture;
    private readonly Mat _decoded = new();
    private readonly Mat _conversion = new();

    private CameraSource(SourceSpec spec, string device, VideoCapture capture)
        : base(spec)
    {
        _device = device;
        _capture = capture;
        Width = (int)capture.Get(VideoCaptureProperties.FrameWidth);
        Height = (int)capture.Get(VideoCaptureProperties.FrameHeight);
        NominalFps = capture.Get(VideoCaptureProperties.Fps) is var fps && fps > 0 && double.IsFinite(fps) ? fps : 0;
    }

    /// <summary>Opens the camera; the caller owns the returned source.</summary>
    /// <exception cref="CaptureException">There is no such device, or it cannot be opened for capture.</exception>
    public static CameraSource Open(SourceSpec spec, FrameSourceOptions options)
    {
        string device = spec.Path ?? $"/dev/video{spec.CameraIndex}";
        if (!File.Exists(device))
        {
            throw new CaptureException($"no camera at {device} (source '{spec.Text}')");
        }

        var capture = new VideoCapture(spec.CameraIndex, VideoCaptureAPIs.V4L2);
        try
        {
            if (!capture.IsOpened())
            {
                throw new CaptureException($"camera {device} could not be opened (in use by another program, no permission, or not a capture device)");
            }

            // Requests, not guarantees: the driver picks the nearest mode it has, and Width/Height report that.
            if (options.CameraWidth is { } width)
            {
                capture.Set(VideoCaptureProperties.FrameWidth, width);
            }

            if (options.CameraHeight is { } height)
            {
                capture.Set(VideoCaptureProperties.FrameHeight, height);
            }

            if (options.CameraFps is { } fps)
            {
                capture.Set(VideoCaptureProperties.Fps, fps);
            }

            return new CameraSource(spec, device, capture);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    protected override bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        if (!_capture.Read(_decoded) || _decoded.Empty())
        {
            // An empty read is not an error by itself; several in a row mean a disconnect, which the pump handles.
            frame = null;
            return false;
        }

        frame = MatFrames.ToFrame(_decoded, pool, _conversion);
        frame.Timestamp = SinceOpened(Stopwatch.GetTimestamp());
        return true;
    }

    protected override void DisposeCore()
    {
        _capture.Dispose();
        _decoded.Dispose();
        _conversion.Dispose();
    }

    public override string ToString() => _device;
}
