using System.Diagnostics;
using LiveClassify.Cli.Labelling;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class LabelProgressTests
{
    private long _now = 1_000_000;

    [Fact]
    public void Logs_get_a_plain_line_every_few_seconds_with_rate_and_time_left()
    {
        using var output = new StringWriter();
        var progress = new LabelProgress(output, interactive: false, "[1/2] a.mp4", expectedFrames: 1000, () => _now);

        Advance(seconds: 1);
        progress.Update(100);
        Advance(seconds: 4);
        progress.Update(500);

        Assert.Equal("[1/2] a.mp4  500/1000 frames  100 fps  ETA 0:05" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void A_terminal_line_is_redrawn_in_place()
    {
        using var output = new StringWriter();
        var progress = new LabelProgress(output, interactive: true, "a.mp4", expectedFrames: null, () => _now);

        Advance(seconds: 1);
        progress.Update(30);
        Advance(seconds: 1);
        progress.Update(60);

        string text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.DoesNotContain('\n', text);
        Assert.Contains("60 frames  30 fps", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_final_line_says_how_it_ended_and_how_long_it_took()
    {
        using var output = new StringWriter();
        var progress = new LabelProgress(output, interactive: false, "a.mp4", expectedFrames: 90, () => _now);

        Advance(seconds: 3);
        progress.Finish(90, "done");

        Assert.Equal("a.mp4  90/90 frames  30 fps  in 0:03  done" + Environment.NewLine, output.ToString());
    }

    private void Advance(double seconds) => _now += (long)(seconds * Stopwatch.Frequency);
}
