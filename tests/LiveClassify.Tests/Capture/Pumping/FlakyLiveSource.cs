using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Capture.Pumping;

/// <summary>A live source that delivers <c>framesBeforeSilence</c> frames and then only empty reads, like an unplugged camera.</summary>
internal sealed class FlakyLiveSource(int framesBeforeSilence) : IFrameSource
{
    public SourceSpec Spec { get; } = SourceSpec.Parse("rtsp://camera.test/stream");

    public bool IsLive => true;

    public int Width => 32;

    public int Height => 32;

    public double NominalFps => 0;

    public double MeasuredFps => 0;

    public long FramesRead { get; private set; }

    public bool EndOfStream => false;

    public long? ExpectedFrameCount => null;

    public bool IsTruncated => false;

    public int ErrorCount => 0;

    public string? LastError => FramesRead >= framesBeforeSilence ? "rtsp://camera.test/stream: the stream stopped" : null;

    public bool Disposed { get; private set; }

    public bool TryRead(FramePool pool, out FrameBuffer? frame)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (FramesRead >= framesBeforeSilence)
        {
            frame = null;
            return false;
        }

        frame = pool.Rent(Width, Height);
        frame.FrameIndex = FramesRead++;
        frame.CapturedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        return true;
    }

    public void Dispose() => Disposed = true;
}
