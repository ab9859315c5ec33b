using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

/// <summary>Several sessions classifying one call's frames at once give each frame the result one session gives it.</summary>
public sealed class ParallelClassifierTests : IDisposable
{
    private const string Model = "mobilenetv2_w035_c10_folded";
    private readonly FramePool _pool = new();
    private readonly FrameBuffer[] _frames;
    private readonly Prediction[] _predictions;

    public ParallelClassifierTests()
    {
        // An odd count, so the last run is short and the workers get unequal shares.
        _frames = [.. Enumerable.Range(0, 11).Select(i => TestFrames.Noise(_pool, 320, 240, seed: i))];
        for (int i = 0; i < _frames.Length; i++)
        {
            _frames[i].FrameIndex = 100 + i;
        }

        _predictions = [.. _frames.Select(_ => new Prediction(10))];
    }

    public void Dispose()
    {
        Array.ForEach(_frames, frame => frame.Release());
        Assert.Equal(0, _pool.Outstanding);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Each_frame_gets_the_prediction_a_single_session_gives_it(int workers, int batch)
    {
        using var parallel = Open(new ThroughputPlan(workers, batch));
        using var single = FixtureModelTests.OpenFixture(Model, maxBatch: 1);

        parallel.Classify(_frames, _predictions);

        Assert.Equal(workers, parallel.Workers);
        var expected = new Prediction(10);
        for (int i = 0; i < _frames.Length; i++)
        {
            single.Classify(_frames[i], expected);
            Assert.Equal(_frames[i].FrameIndex, _predictions[i].FrameIndex);
            OnnxClassifierTests.AssertClose(expected.Probabilities, _predictions[i].Probabilities, 1e-5f);
        }
    }

    [Fact]
    public void A_failing_run_reaches_the_caller_and_the_next_call_still_works()
    {
        using var parallel = Open(new ThroughputPlan(2, 1));
        var withAHole = (FrameBuffer[])_frames.Clone();
        withAHole[^1] = null!;

        Assert.Throws<ArgumentNullException>(() => parallel.Classify(withAHole, _predictions));

        parallel.Classify(_frames, _predictions);
        Assert.Equal(_frames[^1].FrameIndex, _predictions[^1].FrameIndex);
    }

    [Theory]
    [InlineData(2, 1, 16)] // several runs per worker, so one the scheduler pauses is covered by the other
    [InlineData(2, 4, 16)]
    [InlineData(2, 32, 64)] // at least one full batch per worker
    [InlineData(1, 1, 8)]
    public void A_round_gives_every_worker_several_runs(int workers, int batch, int frames)
    {
        using var parallel = Open(new ThroughputPlan(workers, batch));

        Assert.Equal(frames, parallel.RoundFrames);
        Assert.Equal(new ThroughputPlan(workers, batch), parallel.Plan);
    }

    [Fact]
    public void No_frames_is_nothing_to_do()
    {
        using var parallel = Open(new ThroughputPlan(2, 1));

        parallel.Classify(ArraySegment<FrameBuffer>.Empty, ArraySegment<Prediction>.Empty);
        parallel.Classify(_frames, _predictions);

        Assert.Equal(_frames[^1].FrameIndex, _predictions[^1].FrameIndex);
    }

    [Fact]
    public void Frame_and_prediction_counts_must_match()
    {
        using var parallel = Open(new ThroughputPlan(2, 1));

        Assert.Throws<ArgumentException>(() => parallel.Classify(_frames, new ArraySegment<Prediction>(_predictions, 0, 3)));
    }

    [Fact]
    public void The_steady_state_allocates_nothing_on_the_calling_thread()
    {
        using var parallel = Open(new ThroughputPlan(2, 2));
        for (int i = 0; i < 3; i++)
        {
            parallel.Classify(_frames, _predictions); // the first frame of a size builds a session's resampling tables
        }

        Assert.Equal(0, SteadyState.AllocatedBytes(() => parallel.Classify(_frames, _predictions), calls: 10));
    }

    private static ParallelClassifier Open(ThroughputPlan plan) =>
        ParallelClassifier.Open(TestData.Fixture(Model + ".onnx"), FixtureModelTests.FixtureOptions, plan);
}
