using LiveClassify.Cli.Live;
using LiveClassify.Core.Labels;
using LiveClassify.Render.Overlay;

namespace LiveClassify.Tests.Cli.Live;

public sealed class ConfidenceBarsTests
{
    private static readonly LabelMap Labels = new(["cat", "dog", "fox"]);

    [Fact]
    public void A_bar_covers_one_minus_one_over_e_of_the_way_to_a_new_score_in_one_time_constant()
    {
        var bars = new ConfidenceBars();
        var overlay = new OverlayModel();
        bars.SetTargets([0], Labels, [0.2f, 0.8f, 0f]);
        bars.SetTargets([0], Labels, [0.8f, 0.2f, 0f]);

        bars.Advance(ConfidenceBars.TimeConstant, jump: false, overlay);

        Assert.Equal(1, overlay.TopCount);
        Assert.Equal("cat", overlay.TopLabel(0));
        Assert.Equal(0.2f + (0.6f * (1 - MathF.Exp(-1))), overlay.TopScore(0), 1e-5f);
    }

    [Fact]
    public void A_class_that_moves_into_a_row_starts_at_its_own_score()
    {
        var bars = new ConfidenceBars();
        var overlay = new OverlayModel();
        bars.SetTargets([0, 1], Labels, [0.7f, 0.2f, 0.1f]);
        bars.Advance(TimeSpan.FromSeconds(1), jump: false, overlay);

        bars.SetTargets([1, 2], Labels, [0.1f, 0.6f, 0.3f]);
        bars.Advance(TimeSpan.Zero, jump: false, overlay);

        Assert.Equal(("dog", 0.6f), (overlay.TopLabel(0), overlay.TopScore(0)));
        Assert.Equal(("fox", 0.3f), (overlay.TopLabel(1), overlay.TopScore(1)));
    }

    [Fact]
    public void A_jump_shows_the_newest_scores_at_once()
    {
        var bars = new ConfidenceBars();
        var overlay = new OverlayModel();
        bars.SetTargets([2], Labels, [0.1f, 0.1f, 0.8f]);
        bars.SetTargets([2], Labels, [0.5f, 0.1f, 0.4f]);

        bars.Advance(TimeSpan.Zero, jump: true, overlay);

        Assert.Equal(0.4f, overlay.TopScore(0));
    }
}
