using System.Diagnostics;

namespace LiveClassify.Cli.Live;

/// <summary>Events per second over roughly the last second, updated as events are counted.</summary>
public sealed class RateMeter
{
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _windowCount;
    private long _lastTotal;

    /// <summary>The latest rate.</summary>
    public float PerSecond { get; private set; }

    /// <summary>Counts one event.</summary>
    public void Tick() => Add(1);

    /// <summary>Updates from a running total kept elsewhere (frames read by the capture thread).</summary>
    public void Observe(long total)
    {
        Add(total - _lastTotal);
        _lastTotal = total;
    }

    private void Add(long events)
    {
        _windowCount += events;
        double seconds = Stopwatch.GetElapsedTime(_windowStart).TotalSeconds;
        if (seconds >= 1)
        {
            PerSecond = (float)(_windowCount / seconds);
            _windowStart = Stopwatch.GetTimestamp();
            _windowCount = 0;
        }
    }
}
