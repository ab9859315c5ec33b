using System.Diagnostics;

namespace LiveClassify.Cli.Live;

/// <summary>
/// Keeps the render loop from running faster than the display refreshes. With vsync honoured the buffer swap already
/// waits and the pacer never sleeps; under Xvfb, software GL or a driver that ignores the swap interval, the loop would
/// otherwise redraw the same picture hundreds of times a second and take the CPU that capture and inference need.
/// </summary>
/// <remarks>A late tick is not made up for with a burst of short ones: the schedule restarts from the late tick.</remarks>
public sealed class FramePacer
{
    private readonly long _periodTicks;
    private long _nextTick;

    /// <summary>Paces ticks at <paramref name="hertz"/> at most.</summary>
    public FramePacer(double hertz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hertz);
        _periodTicks = (long)(Stopwatch.Frequency / hertz);
    }

    /// <summary>The least time between two ticks.</summary>
    public TimeSpan Period => Stopwatch.GetElapsedTime(0, _periodTicks);

    /// <summary>Called at the end of a tick: sleeps until the next tick is due, if it is not yet.</summary>
    public void WaitForNextTick()
    {
        long now = Stopwatch.GetTimestamp();
        if (now >= _nextTick)
        {
            _nextTick = now + _periodTicks;
            return;
        }

        Thread.Sleep(Stopwatch.GetElapsedTime(now, _nextTick));
        _nextTick += _periodTicks;
    }
}
