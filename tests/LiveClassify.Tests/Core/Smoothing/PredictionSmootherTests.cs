using LiveClassify.Core.Smoothing;

namespace LiveClassify.Tests.Core.Smoothing;

public sealed class PredictionSmootherTests
{
    private static readonly float[] First = [1f, 0f];
    private static readonly float[] Second = [0f, 1f];

    private static SmoothingOptions Options(double tau = 0, double dwell = 0, float threshold = 0.5f, Dictionary<int, float>? perClass = null) =>
        new(TimeSpan.FromSeconds(tau), TimeSpan.FromSeconds(dwell), threshold, perClass);

    private static float AverageAfterOneSecondOfSecond(int fps)
    {
        var smoother = new PredictionSmoother(2, Options(tau: 0.5));
        smoother.Update(First, TimeSpan.Zero);
        for (int frame = 1; frame <= fps; frame++)
        {
            smoother.Update(Second, TimeSpan.FromSeconds((double)frame / fps));
        }

        return smoother.Average[1];
    }

    [Fact]
    public void The_average_depends_on_elapsed_time_not_on_frame_rate()
    {
        float at15 = AverageAfterOneSecondOfSecond(15);
        float at60 = AverageAfterOneSecondOfSecond(60);

        // One second of a step input through an EMA with τ = 0.5 s: 1 - e^-2, whatever the frame rate.
        Assert.Equal(1 - MathF.Exp(-2), at15, 1e-4f);
        Assert.Equal(at15, at60, 1e-4f);
    }

    [Fact]
    public void The_first_frame_is_taken_as_it_is()
    {
        var smoother = new PredictionSmoother(2, Options(tau: 10));
        var label = smoother.Update([0.3f, 0.7f], TimeSpan.FromSeconds(5));

        Assert.Equal([0.3f, 0.7f], smoother.Average.ToArray());
        Assert.Equal(new SmoothedLabel(1, 0.7f, true) { FrameLeader = 1, FrameLeaderScore = 0.7f }, label);
    }

    [Fact]
    public void A_new_label_is_shown_only_after_the_minimum_dwell()
    {
        var smoother = new PredictionSmoother(2, Options(dwell: 0.5));
        smoother.Update(First, TimeSpan.Zero);

        Assert.Equal(0, smoother.Update(Second, TimeSpan.FromMilliseconds(100)).ClassIndex);
        Assert.Equal(0, smoother.Update(Second, TimeSpan.FromMilliseconds(500)).ClassIndex);
        var switched = smoother.Update(Second, TimeSpan.FromMilliseconds(600));

        Assert.Equal(1, switched.ClassIndex);
        Assert.True(switched.Changed);
        Assert.False(smoother.Update(Second, TimeSpan.FromMilliseconds(700)).Changed);
    }

    [Fact]
    public void A_label_waiting_out_its_dwell_is_reported_as_pending_with_its_score()
    {
        var smoother = new PredictionSmoother(2, Options(dwell: 0.5));
        Assert.Null(smoother.Update([0.9f, 0.1f], TimeSpan.Zero).Pending);

        var waiting = smoother.Update([0.3f, 0.7f], TimeSpan.FromMilliseconds(100));
        var shown = smoother.Update([0.3f, 0.7f], TimeSpan.FromMilliseconds(600));

        Assert.Equal(new SmoothedLabel(0, 0.3f, false) { Pending = 1, PendingScore = 0.7f, FrameLeader = 1, FrameLeaderScore = 0.7f }, waiting);
        Assert.Equal(new SmoothedLabel(1, 0.7f, true) { FrameLeader = 1, FrameLeaderScore = 0.7f }, shown);
    }

    [Fact]
    public void Each_update_names_the_class_its_frame_alone_would_show_with_that_classs_smoothed_score()
    {
        var smoother = new PredictionSmoother(2, Options(tau: 10, threshold: 0.6f));
        smoother.Update([0.9f, 0.1f], TimeSpan.Zero);

        var changed = smoother.Update([0.1f, 0.9f], TimeSpan.FromMilliseconds(100));
        float dogAverage = smoother.Average[1];
        var undecided = smoother.Update([0.45f, 0.55f], TimeSpan.FromMilliseconds(200));

        // The average has barely moved, so "cat" is still shown; the frame itself already shows "dog".
        Assert.Equal((0, 1, dogAverage), (changed.ClassIndex, changed.FrameLeader, changed.FrameLeaderScore));
        // Neither class passes 0.6 in the last frame: unknown, scored like unknown, by the average's best class.
        Assert.Equal((-1, smoother.Average[0]), (undecided.FrameLeader, undecided.FrameLeaderScore));
    }

    [Fact]
    public void A_label_that_flickers_within_the_dwell_never_replaces_the_shown_one()
    {
        var smoother = new PredictionSmoother(2, Options(dwell: 0.5));
        smoother.Update(First, TimeSpan.Zero);
        for (int frame = 1; frame < 60; frame++)
        {
            var label = smoother.Update(frame % 5 == 0 ? First : Second, TimeSpan.FromSeconds(frame / 30.0));
            Assert.Equal(0, label.ClassIndex);
        }
    }

    [Fact]
    public void Nothing_above_the_threshold_is_unknown_with_the_best_score()
    {
        var smoother = new PredictionSmoother(3, Options());
        var label = smoother.Update([0.4f, 0.3f, 0.3f], TimeSpan.Zero);

        Assert.True(label.IsUnknown);
        Assert.Equal(-1, label.ClassIndex);
        Assert.Equal(0.4f, label.Score);
    }

    [Fact]
    public void A_class_threshold_overrides_the_default()
    {
        var smoother = new PredictionSmoother(2, Options(perClass: new() { [1] = 0.9f }));

        Assert.True(smoother.Update([0.2f, 0.8f], TimeSpan.Zero).IsUnknown);
        smoother.Reset();
        Assert.Equal(0, smoother.Update([0.6f, 0.4f], TimeSpan.Zero).ClassIndex);
    }

    [Fact]
    public void The_best_class_that_passes_its_own_threshold_is_shown()
    {
        // Class 0 leads but needs 0.9; class 1 needs only 0.3 and has it. Something passes, so the label is not unknown.
        var smoother = new PredictionSmoother(2, Options(perClass: new() { [0] = 0.9f, [1] = 0.3f }));

        Assert.Equal(1, smoother.Update([0.55f, 0.45f], TimeSpan.Zero).ClassIndex);
    }

    [Fact]
    public void Time_going_backwards_starts_the_stream_again()
    {
        var smoother = new PredictionSmoother(2, Options(tau: 10, dwell: 1));
        for (int second = 0; second <= 5; second++)
        {
            smoother.Update(First, TimeSpan.FromSeconds(second));
        }

        // A file restarted: the new stream is not averaged with the old one nor held back by its dwell.
        var label = smoother.Update(Second, TimeSpan.Zero);

        Assert.Equal([0f, 1f], smoother.Average.ToArray());
        Assert.Equal(new SmoothedLabel(1, 1f, true) { FrameLeader = 1, FrameLeaderScore = 1f }, label);
        Assert.Equal(1, smoother.Update(Second, TimeSpan.FromMilliseconds(100)).ClassIndex);
    }

    [Fact]
    public void Reset_forgets_the_stream()
    {
        var smoother = new PredictionSmoother(2, Options(tau: 10, dwell: 1));
        smoother.Update(First, TimeSpan.Zero);
        smoother.Reset();

        Assert.True(smoother.Current.IsUnknown);
        Assert.Equal(1, smoother.Update(Second, TimeSpan.FromSeconds(1)).ClassIndex);
    }

    [Fact]
    public void A_time_constant_of_zero_follows_each_frame()
    {
        var smoother = new PredictionSmoother(2, Options());
        smoother.Update(First, TimeSpan.Zero);
        smoother.Update(Second, TimeSpan.FromMilliseconds(33));

        Assert.Equal([0f, 1f], smoother.Average.ToArray());
    }

    [Fact]
    public void The_wrong_number_of_probabilities_is_refused()
    {
        var smoother = new PredictionSmoother(2, Options());

        Assert.Throws<ArgumentException>(() => smoother.Update([1f, 0f, 0f], TimeSpan.Zero));
    }

    [Theory]
    [InlineData(-1, 0, 0.5f)]
    [InlineData(0, -1, 0.5f)]
    [InlineData(0, 0, 1.5f)]
    [InlineData(0, 0, -0.1f)]
    [InlineData(0, 0, float.NaN)]
    public void Options_that_cannot_work_are_refused(double tau, double dwell, float threshold)
    {
        Assert.Throws<ArgumentException>(() => new PredictionSmoother(2, Options(tau, dwell, threshold)));
    }

    [Fact]
    public void A_class_threshold_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PredictionSmoother(2, Options(perClass: new() { [1] = float.NaN })));
        Assert.Throws<ArgumentException>(() => new PredictionSmoother(2, Options(perClass: new() { [1] = 2f })));
    }
}
