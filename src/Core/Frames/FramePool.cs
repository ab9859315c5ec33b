namespace LiveClassify.Core.Frames;

/// <summary>
/// Recycles <see cref="FrameBuffer"/>s so that a stream in steady state allocates nothing per frame.
/// </summary>
/// <remarks>
/// Thread-safe: capture threads rent, any consumer's last <see cref="FrameBuffer.Release"/> returns. A rented buffer
/// is the smallest free one large enough; when none is free a new one is allocated, so the pool grows to the number of
/// frames in flight at once and then stays there. <see cref="Outstanding"/> counts frames not yet returned: after a
/// stream shuts down it must be 0 (tests check it to find leaked references).
/// </remarks>
public sealed class FramePool
{
    /// <summary>Largest frame side accepted (16K video), so a corrupt header cannot ask for gigabytes.</summary>
    public const int MaxSide = 16384;

    private readonly Lock _gate = new();
    private readonly List<FrameBuffer> _free = new(8);
    private int _outstanding;
    private int _allocated;

    /// <summary>Frames rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Buffers this pool ever allocated.</summary>
    public int Allocated => Volatile.Read(ref _allocated);

    /// <summary>
    /// Hands out a frame of the given size with one reference, owned by the caller, who must
    /// <see cref="FrameBuffer.Release"/> it (or pass that duty on).
    /// </summary>
    public FrameBuffer Rent(int width, int height)
    {
        ValidateSize(width, height);
        int needed = width * height * 3;
        FrameBuffer? chosen = null;
        lock (_gate)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                int capacity = _free[i].Capacity;
                if (capacity >= needed && (best < 0 || capacity < _free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                chosen = _free[best];
                _free[best] = _free[^1];
                _free.RemoveAt(_free.Count - 1);
            }
        }

        if (chosen is null)
        {
            chosen = new FrameBuffer(this, needed);
            Interlocked.Increment(ref _allocated);
        }

        chosen.Rent(width, height);
        Interlocked.Increment(ref _outstanding);
        return chosen;
    }

    /// <summary>
    /// Makes sure <paramref name="count"/> free buffers can hold a frame of the given size, allocating the missing
    /// ones now: a stream that never has more frames in flight then allocates nothing, not even the first time it
    /// reaches its peak.
    /// </summary>
    public void Reserve(int width, int height, int count)
    {
        ValidateSize(width, height);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int needed = width * height * 3;
        lock (_gate)
        {
            int fitting = _free.Count(buffer => buffer.Capacity >= needed);
            for (; fitting < count; fitting++)
            {
                _free.Add(new FrameBuffer(this, needed));
                Interlocked.Increment(ref _allocated);
            }
        }
    }

    internal void Return(FrameBuffer frame)
    {
        lock (_gate)
        {
            _free.Add(frame);
        }

        Interlocked.Decrement(ref _outstanding);
    }

    internal static void ValidateSize(int width, int height)
    {
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A frame of {width}x{height} is outside 1..{MaxSide} pixels per side.");
        }
    }
}
