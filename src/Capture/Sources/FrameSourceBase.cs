using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// What every source shares: frame numbering, capture stamps, the measured rate and error bookkeeping. Subclasses
/// produce pixels and timestamps in <see cref="ReadCore"/>.
/// </summary>
internal abstract class FrameSourceBase : IFrameSource
{
    private static readonly long RateWindow = Stopwatch.Frequency;

    private long _framesRead;
    private long _windowStart;
    private long _windowFrames;
    private double _measuredFps;
    private int _errorCount;
    private string? _lastError;
    private bool _disposed;

    protected FrameSourceBase(SourceSpec spec)
    {
        Spec = spec;
        OpenedAt = Stopwatch.GetTimestamp();
    }

    public SourceSpec Spec { get; }

    public bool IsLive => Spec.IsLive;

    public int Width { get; protected set; }

    public int Height { get; protected set; }

    public double NominalFps { get; protected set; }

    public double MeasuredFps => Volatile.Read(ref _measuredFps);

    public long FramesRead => Interlocked.Read(ref _framesRead);

    public bool EndOfStream { get; protected set; }

    public virtual long? ExpectedFrameCount => null;

    public virtual bool IsTruncated => false;

    public int ErrorCount => Volatile.Read(ref _errorCount);

    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Stopwatch ticks when the source was opened: the zero of live timestamps.</summary>
    protected long OpenedAt { get; }

    public bool TryRead(FramePool pool, out FrameBuffer? frame)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (EndOfStream || !ReadCore(pool, FramesRead, out var read))
        {
            frame = null;
            return false;
        }

        long now = Stopwatch.GetTimestamp();
        read.FrameIndex = FramesRead;
        read.CapturedAt = now;
        CountFrame(now);
        frame = read;
        return true;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            DisposeCore();
        }
    }

    /// <summary>
    /// Produces frame number <paramref name="index"/> with its <see cref="FrameBuffer.Timestamp"/> set, or returns false
    /// (setting <see cref="EndOfStream"/> when there will be no more).
    /// </summary>
    protected abstract bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame);

    /// <summary>Releases what the source holds.</summary>
    protected abstract void DisposeCore();

    /// <summary>Counts a frame or file that could not be read and keeps its message.</summary>
    protected void RecordError(string message)
    {
        Interlocked.Increment(ref _errorCount);
        Volatile.Write(ref _lastError, message);
    }

    /// <summary>Time since the source was opened, for live timestamps.</summary>
    protected TimeSpan SinceOpened(long now) => Stopwatch.GetElapsedTime(OpenedAt, now);

    private void CountFrame(long now)
    {
        Interlocked.Increment(ref _framesRead);
        if (_windowFrames == 0)
        {
            _windowStart = now;
        }

        _windowFrames++;
        long elapsed = now - _windowStart;
        if (elapsed >= RateWindow)
        {
            // Frames after the window's first one, over the time they took: a rate that forgets stalls after a second.
            Volatile.Write(ref _measuredFps, (_windowFrames - 1) * (double)Stopwatch.Frequency / elapsed);
            _windowStart = now;
            _windowFrames = 1;
        }
        else if (_measuredFps == 0 && _windowFrames >= 3 && elapsed > 0)
        {
            Volatile.Write(ref _measuredFps, (_windowFrames - 1) * (double)Stopwatch.Frequency / elapsed);
        }
    }
}
