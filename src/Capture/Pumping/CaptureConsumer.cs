using System.Threading.Channels;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Pumping;

/// <summary>One consumer's end of a <see cref="CapturePump"/>: its channel of frames and its counters.</summary>
/// <remarks>
/// Each frame read from <see cref="Reader"/> carries one reference the consumer owns and must
/// <see cref="FrameBuffer.Release"/>. The channel completes when the pump ends, with the pump's exception if it failed.
/// </remarks>
public sealed class CaptureConsumer
{
    private readonly Channel<FrameBuffer> _channel;
    private long _delivered;
    private long _dropped;

    internal CaptureConsumer(string name, CapturePacing pacing, int capacity)
    {
        Name = name;
        _channel = pacing == CapturePacing.RealTime
            ? Channel.CreateBounded<FrameBuffer>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true }, OnDropped)
            : Channel.CreateBounded<FrameBuffer>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
    }

    /// <summary>The name given when the consumer was added, for logs.</summary>
    public string Name { get; }

    /// <summary>Where the consumer reads its frames.</summary>
    public ChannelReader<FrameBuffer> Reader => _channel.Reader;

    /// <summary>Frames put in this consumer's channel.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Frames replaced by a newer one before this consumer took them (real time only).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelWriter<FrameBuffer> Writer => _channel.Writer;

    internal void CountDelivered() => Interlocked.Increment(ref _delivered);

    /// <summary>Releases frames left in the channel after the pump stopped.</summary>
    internal void Drain()
    {
        while (_channel.Reader.TryRead(out var frame))
        {
            frame.Release();
        }
    }

    private void OnDropped(FrameBuffer frame)
    {
        Interlocked.Increment(ref _dropped);
        frame.Release();
    }
}
