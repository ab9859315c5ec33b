using System.Runtime.InteropServices;

namespace LiveClassify.Core.Frames;

/// <summary>
/// One video frame as every part sees it: 8-bit BGR, interleaved, rows packed without padding
/// (<see cref="Stride"/> = <see cref="Width"/> × 3), in a pinned array that comes from a <see cref="FramePool"/>.
/// </summary>
/// <remarks>
/// Ownership is reference counted because one captured frame goes to two consumers at once (inference and the
/// display). Whoever receives a frame owns one reference and calls <see cref="Release"/> exactly once when done; a
/// stage that hands the frame to one more consumer calls <see cref="Retain"/> first. When the count reaches zero the
/// buffer goes back to its pool and must not be touched again. The pixels are pinned for the buffer's whole life, so
/// <see cref="Pointer"/> stays valid while a reference is held (OpenCV Mats and GL uploads wrap it without copying).
/// </remarks>
public sealed class FrameBuffer
{
    private readonly FramePool _pool;
    private readonly byte[] _pixels;
    private int _references;

    internal FrameBuffer(FramePool pool, int capacityBytes)
    {
        _pool = pool;
        _pixels = GC.AllocateUninitializedArray<byte>(capacityBytes, pinned: true);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Bytes per row: always <see cref="Width"/> × 3.</summary>
    public int Stride => Width * 3;

    /// <summary>Bytes of pixel data: <see cref="Stride"/> × <see cref="Height"/>.</summary>
    public int Length => Stride * Height;

    /// <summary>Bytes this buffer can hold; a pool reuses it for any frame size up to this.</summary>
    public int Capacity => _pixels.Length;

    /// <summary>Index of the frame in its source, counting from 0 (read frames, not only delivered ones).</summary>
    public long FrameIndex { get; set; }

    /// <summary>Presentation time: container time for files, time since the source opened for live sources.</summary>
    public TimeSpan Timestamp { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> ticks when the frame was read, for latency and age figures.</summary>
    public long CapturedAt { get; set; }

    /// <summary>The pixel bytes, valid while a reference is held.</summary>
    public Span<byte> Pixels => _pixels.AsSpan(0, Length);

    /// <summary>Address of the first pixel (pinned), valid while a reference is held.</summary>
    public nint Pointer => Marshal.UnsafeAddrOfPinnedArrayElement(_pixels, 0);

    /// <summary>Current reference count; 0 while the buffer sits in its pool.</summary>
    public int References => Volatile.Read(ref _references);

    /// <summary>Adds a reference for one more consumer.</summary>
    /// <exception cref="InvalidOperationException">The frame already went back to its pool.</exception>
    public void Retain()
    {
        // Compare-and-swap rather than increment-then-check: a failed Retain must leave the count at 0, or a later
        // Release would return the buffer to the pool a second time while another renter uses it.
        int current = Volatile.Read(ref _references);
        while (true)
        {
            if (current <= 0)
            {
                throw new InvalidOperationException("A frame was retained after it went back to its pool.");
            }

            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Drops one reference; the last one returns the buffer to its pool.</summary>
    /// <exception cref="InvalidOperationException">Every reference was already released.</exception>
    public void Release()
    {
        int current = Volatile.Read(ref _references);
        while (true)
        {
            if (current <= 0)
            {
                throw new InvalidOperationException("A frame was released more times than it was retained.");
            }

            int seen = Interlocked.CompareExchange(ref _references, current - 1, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        if (current == 1)
        {
            _pool.Return(this);
        }
    }

    /// <summary>Copies frame data and metadata from another frame of any size into this one.</summary>
    public void CopyFrom(FrameBuffer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Reshape(other.Width, other.Height);
        other.Pixels.CopyTo(Pixels);
        FrameIndex = other.FrameIndex;
        Timestamp = other.Timestamp;
        CapturedAt = other.CapturedAt;
    }

    /// <summary>
    /// Copies BGR rows from native memory with any row step (an OpenCV Mat's <c>Step()</c>, for example).
    /// </summary>
    public unsafe void CopyFrom(nint source, int width, int height, long sourceStep)
    {
        Reshape(width, height);
        int rowBytes = width * 3;
        if (sourceStep < rowBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceStep), sourceStep, $"A row of {width} BGR pixels needs {rowBytes} bytes.");
        }

        var destination = Pixels;
        for (int y = 0; y < height; y++)
        {
            new ReadOnlySpan<byte>((byte*)source + (y * sourceStep), rowBytes).CopyTo(destination.Slice(y * rowBytes, rowBytes));
        }
    }

    /// <summary>Sets the frame size; the buffer must be large enough (pools hand out buffers that are).</summary>
    public void Reshape(int width, int height)
    {
        FramePool.ValidateSize(width, height);
        if ((long)width * height * 3 > _pixels.Length)
        {
            throw new ArgumentException($"A {width}x{height} frame does not fit a buffer of {_pixels.Length} bytes.");
        }

        Width = width;
        Height = height;
    }

    /// <summary>Called by the pool when it hands this buffer out.</summary>
    internal void Rent(int width, int height)
    {
        Reshape(width, height);
        FrameIndex = 0;
        Timestamp = TimeSpan.Zero;
        CapturedAt = 0;
        Volatile.Write(ref _references, 1);
    }
}
