using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Smoothing;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class SegmentBuilderTests
{
    private static readonly LabelMap Labels = new(["cat", "dog"]);

    [Fact]
    public void Consecutive_frames_with_one_label_form_one_segment_ending_where_the_next_begins()
    {
        var builder = new SegmentBuilder(Labels);
        int[] stream = [0, 0, 0, 1, 1, -1];
        for (int i = 0; i < stream.Length; i++)
        {
            builder.Add(TimeSpan.FromSeconds(i * 0.5), new SmoothedLabel(stream[i], 0.8f, false));
        }

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(0.5));

        Assert.Equal(
            [
                new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(1.5), 3, 0.8f),
                new LabelSegment("dog", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5), 2, 0.8f),
                new LabelSegment("unknown", TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3), 1, 0.8f),
            ],
            segments);
    }

    [Fact]
    public void The_mean_score_is_over_the_segments_frames_only()
    {
        var builder = new SegmentBuilder(Labels);
        builder.Add(TimeSpan.FromSeconds(0), new SmoothedLabel(0, 0.6f, false));
        builder.Add(TimeSpan.FromSeconds(1), new SmoothedLabel(0, 1.0f, false));
        builder.Add(TimeSpan.FromSeconds(2), new SmoothedLabel(1, 0.2f, false));

        var segments = builder.Finish(frameInterval: null);

        Assert.Equal(0.8, segments[0].MeanScore, 5);
        Assert.Equal(0.2, segments[1].MeanScore, 5);
        Assert.Equal(TimeSpan.FromSeconds(3), segments[1].End);
    }

    [Fact]
    public void No_frames_give_no_segments() => Assert.Empty(new SegmentBuilder(Labels).Finish(TimeSpan.FromSeconds(1)));
}
