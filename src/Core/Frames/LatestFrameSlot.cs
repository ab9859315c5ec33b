namespace LiveClassify.Core.Frames;

/// <summary>
/// A one-frame mailbox between a producer and one consumer that always holds the newest frame: publishing replaces
/// (and releases) a frame the consumer has not taken yet, so a slow consumer never builds latency.
/// </summary>
/// <remarks>
/// Lock-free and allocation-free. The slot owns the reference of the frame it holds; <see cref="TryTake"/> hands that
/// reference to the caller. <see cref="Dropped"/> counts frames replaced before anyone took them.
/// </remarks>
public sealed class LatestFrameSlot : IDisposable
{
    private FrameBuffer? _frame;
    private long _dropped;

    /// <summary>Frames that were replaced by a newer one before the consumer took them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Stores the frame, taking over the caller's reference, and releases any frame not yet taken.</summary>
    public void Publish(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var previous = Interlocked.Exchange(ref _frame, frame);
        if (previous is not null)
        {
            Interlocked.Increment(ref _dropped);
            previous.Release();
        }
    }

    /// <summary>Takes the newest frame if one arrived since the last take; the caller then owns its reference.</summary>
    public bool TryTake(out FrameBuffer frame)
    {
        frame = Interlocked.Exchange(ref _frame, null)!;
        return frame is not null;
    }

    /// <summary>Releases a frame nobody took.</summary>
    public void Dispose() => Interlocked.Exchange(ref _frame, null)?.Release();
}
