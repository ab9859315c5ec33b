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
    public void A_new_labels_segment_starts_where_it_took_the_lead_not_where_its_dwell_let_it_show()
    {
        var builder = new SegmentBuilder(Labels);
        builder.Add(TimeSpan.FromSeconds(0), new SmoothedLabel(0, 0.8f, true));
        builder.Add(TimeSpan.FromSeconds(0.5), new SmoothedLabel(0, 0.8f, false));
        builder.Add(TimeSpan.FromSeconds(1.0), new SmoothedLabel(0, 0.4f, false) { Pending = 1, PendingScore = 0.6f });
        builder.Add(TimeSpan.FromSeconds(1.5), new SmoothedLabel(0, 0.3f, false) { Pending = 1, PendingScore = 0.7f });
        builder.Add(TimeSpan.FromSeconds(2.0), new SmoothedLabel(1, 0.8f, true));

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(0.5));

        // The waiting frames belong to "dog" and are scored by it.
        Assert.Equal(
            [
                new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(1.0), 2, 0.8),
                new LabelSegment("dog", TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(2.5), 3, (0.6 + 0.7 + 0.8) / 3),
            ],
            segments,
            SameSegment);
    }

    [Fact]
    public void Frames_that_waited_for_a_leader_that_gave_up_stay_with_the_label_shown()
    {
        var builder = new SegmentBuilder(Labels);
        builder.Add(TimeSpan.FromSeconds(0), new SmoothedLabel(0, 0.9f, true));
        builder.Add(TimeSpan.FromSeconds(1), new SmoothedLabel(0, 0.4f, false) { Pending = 1, PendingScore = 0.6f });
        builder.Add(TimeSpan.FromSeconds(2), new SmoothedLabel(0, 0.8f, false));

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(1));

        Assert.Equal([new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(3), 3, 0.7)], segments, SameSegment);
    }

    [Fact]
    public void Frames_that_waited_for_one_leader_stay_behind_when_another_takes_the_lead_and_the_show()
    {
        var builder = new SegmentBuilder(Labels);
        builder.Add(TimeSpan.FromSeconds(0), new SmoothedLabel(0, 0.9f, true));
        builder.Add(TimeSpan.FromSeconds(1), new SmoothedLabel(0, 0.4f, false) { Pending = 1, PendingScore = 0.55f });
        builder.Add(TimeSpan.FromSeconds(2), new SmoothedLabel(0, 0.3f, false) { Pending = -1, PendingScore = 0.45f });
        builder.Add(TimeSpan.FromSeconds(3), new SmoothedLabel(-1, 0.45f, true));

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(1));

        Assert.Equal(
            [
                new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(2), 2, 0.65),
                new LabelSegment("unknown", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 2, 0.45),
            ],
            segments,
            SameSegment);
    }

    [Fact]
    public void A_leader_still_waiting_when_the_stream_ends_never_takes_over()
    {
        var builder = new SegmentBuilder(Labels);
        builder.Add(TimeSpan.FromSeconds(0), new SmoothedLabel(0, 0.9f, true));
        builder.Add(TimeSpan.FromSeconds(1), new SmoothedLabel(0, 0.3f, false) { Pending = 1, PendingScore = 0.7f });

        var segments = builder.Finish(frameInterval: null);

        Assert.Equal([new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(2), 2, 0.6)], segments, SameSegment);
    }

    [Fact]
    public void Behind_the_smoothers_dwell_segments_still_cut_where_the_content_changes()
    {
        var smoother = new PredictionSmoother(2, new SmoothingOptions(TimeSpan.Zero, TimeSpan.FromSeconds(0.5), 0.5f));
        var builder = new SegmentBuilder(Labels);
        for (int frame = 0; frame < 60; frame++)
        {
            float[] probabilities = frame < 30 ? [0.9f, 0.1f] : [0.2f, 0.8f];
            var time = TimeSpan.FromSeconds(frame / 30.0);
            builder.Add(time, smoother.Update(probabilities, time));
        }

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(1 / 30.0));

        // The overlay switched to "dog" half a second after frame 30; the segments do not wait for it.
        Assert.Equal(
            [
                new LabelSegment("cat", TimeSpan.Zero, TimeSpan.FromSeconds(1), 30, 0.9),
                new LabelSegment("dog", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 30, 0.8),
            ],
            segments,
            SameSegment);
    }

    [Theory]
    [InlineData(2)] // cat, then dog: the averages cross at 0.5
    [InlineData(3)] // cat, then bird: on the way the average shows neither above 0.5, "unknown"
    public void Behind_the_moving_average_too_segments_cut_where_the_frames_change(int classes)
    {
        var labels = new LabelMap(new[] { "cat", "dog", "bird" }[..classes]);
        var smoother = new PredictionSmoother(classes, SmoothingOptions.Default);
        var builder = new SegmentBuilder(labels);
        float[] cat = classes == 2 ? [0.95f, 0.05f] : [0.9f, 0.05f, 0.05f];
        float[] next = classes == 2 ? [0.05f, 0.95f] : [0.05f, 0.05f, 0.9f];
        for (int frame = 0; frame < 60; frame++)
        {
            var time = TimeSpan.FromSeconds(frame / 30.0);
            builder.Add(time, smoother.Update(frame < 30 ? cat : next, time));
        }

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(1 / 30.0));

        // The average (τ = 0.3 s) lets "cat" lead for about 0.2 s after frame 30, and the dwell adds 0.5 s.
        Assert.Equal(
            [("cat", 0.0, 1.0, 30), (labels[classes - 1], 1.0, 2.0, 30)],
            segments.Select(s => (s.Label, Math.Round(s.Start.TotalSeconds, 6), Math.Round(s.End.TotalSeconds, 6), s.Frames)));
    }

    [Fact]
    public void A_frame_that_strays_from_the_label_shown_stays_with_it_when_the_average_does_not_follow()
    {
        var smoother = new PredictionSmoother(2, SmoothingOptions.Default);
        var builder = new SegmentBuilder(Labels);
        for (int frame = 0; frame < 30; frame++)
        {
            var time = TimeSpan.FromSeconds(frame / 30.0);
            builder.Add(time, smoother.Update(frame == 10 ? [0.1f, 0.9f] : [0.9f, 0.1f], time));
        }

        var segments = builder.Finish(frameInterval: TimeSpan.FromSeconds(1 / 30.0));

        Assert.Equal([("cat", 30)], segments.Select(s => (s.Label, s.Frames)));
    }

    [Fact]
    public void No_frames_give_no_segments() => Assert.Empty(new SegmentBuilder(Labels).Finish(TimeSpan.FromSeconds(1)));

    private static bool SameSegment(LabelSegment expected, LabelSegment actual) =>
        expected.Label == actual.Label
        && Math.Abs((expected.Start - actual.Start).TotalSeconds) < 1e-6
        && Math.Abs((expected.End - actual.End).TotalSeconds) < 1e-6
        && expected.Frames == actual.Frames
        && Math.Abs(expected.MeanScore - actual.MeanScore) < 1e-6;
}
