using System.Diagnostics;
using LiveClassify.Cli.Live;

namespace LiveClassify.Tests.Cli.Live;

/// <summary>The render loop's cap: never faster than the display, and no burst after a late frame.</summary>
public sealed class FramePacerTests
{
    [Fact]
    public void Back_to_back_ticks_are_spaced_by_at_least_the_period()
    {
        var pacer = new FramePacer(hertz: 50);
        pacer.WaitForNextTick();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < 5; i++)
        {
            pacer.WaitForNextTick();
        }

        Assert.True(clock.Elapsed >= 5 * pacer.Period - TimeSpan.FromMilliseconds(1), $"5 ticks took {clock.Elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public void A_late_tick_is_not_followed_by_a_burst_of_short_ones()
    {
        var pacer = new FramePacer(hertz: 50);
        pacer.WaitForNextTick();
        Thread.Sleep(5 * pacer.Period); // A slow frame: five periods late.
        pacer.WaitForNextTick();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < 3; i++)
        {
            pacer.WaitForNextTick();
        }

        Assert.True(clock.Elapsed >= 3 * pacer.Period - TimeSpan.FromMilliseconds(1), $"3 ticks after a late one took {clock.Elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public void The_rate_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FramePacer(hertz: 0));
}
