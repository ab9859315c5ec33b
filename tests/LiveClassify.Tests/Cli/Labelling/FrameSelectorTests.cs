using LiveClassify.Cli.Labelling;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class FrameSelectorTests
{
    [Fact]
    public void Every_n_takes_frames_zero_n_two_n()
    {
        var selector = new FrameSelector(every: 3, fps: null);

        var taken = Enumerable.Range(0, 10).Where(i => selector.Select(i, TimeSpan.FromSeconds(i / 30.0)));

        Assert.Equal([0, 3, 6, 9], taken);
    }

    [Fact]
    public void Ten_fps_from_thirty_fps_video_takes_every_third_frame()
    {
        var selector = new FrameSelector(every: 1, fps: 10);

        var taken = Enumerable.Range(0, 30).Where(i => selector.Select(i, TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / 30))).ToList();

        Assert.Equal(10, taken.Count);
        Assert.Equal([0, 3, 6, 9, 12, 15, 18, 21, 24, 27], taken);
    }

    [Fact]
    public void Fps_follows_timestamps_so_a_gap_in_a_variable_rate_file_restarts_the_grid()
    {
        var selector = new FrameSelector(every: 1, fps: 2);
        double[] seconds = [0, 0.1, 0.5, 0.6, 3.0, 3.2, 3.5];

        var taken = seconds.Where((s, i) => selector.Select(i, TimeSpan.FromSeconds(s)));

        Assert.Equal([0, 0.5, 3.0, 3.5], taken);
    }

    [Theory]
    [InlineData(2, 10.0)]
    [InlineData(1, 0.0)]
    [InlineData(1, -5.0)]
    [InlineData(1, double.NaN)]
    public void Refuses_both_options_or_a_rate_that_is_not_positive(int every, double fps) =>
        Assert.Throws<ArgumentException>(() => new FrameSelector(every, fps));
}
