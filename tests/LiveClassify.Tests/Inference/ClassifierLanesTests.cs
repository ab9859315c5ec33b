using LiveClassify.Core.Frames;
using LiveClassify.Core.Models;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

/// <summary>Several sessions classifying parts of a batch at once give what one session gives, in order, and allocate nothing.</summary>
[Collection(WholeProcessCollection.Name)]
public sealed class ClassifierLanesTests : IDisposable
{
    private const string Fixture = "mobilenetv2_w035_c10_folded";
    private readonly FramePool _pool = new();
    private readonly FrameBuffer[] _frames;

    public ClassifierLanesTests()
    {
        _frames = [.. Enumerable.Range(0, 7).Select(i => TestFrames.Noise(_pool, 320, 240, seed: i))];
        for (int i = 0; i < _frames.Length; i++)
        {
            _frames[i].FrameIndex = i;
        }
    }

    public void Dispose() => Array.ForEach(_frames, f => f.Release());

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_batch_size_gets_the_single_sessions_predictions_in_order(int lanes)
    {
        using var single = FixtureModelTests.OpenFixture(Fixture, maxBatch: 7);
        using var parallel = ClassifierLanes.Open(TestData.Fixture(Fixture + ".onnx"), Options(maxBatch: 7), lanes);
        var expected = Predictions(7);
        single.Classify(_frames, expected);

        for (int count = 1; count <= 7; count++)
        {
            var actual = Predictions(7);
            parallel.Classify(_frames, actual, count);

            for (int i = 0; i < count; i++)
            {
                Assert.Equal(i, actual[i].FrameIndex);
                Assert.All(expected[i].Probabilities.ToArray().Zip(actual[i].Probabilities.ToArray()), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5));
            }

            Assert.All(actual.Skip(count), p => Assert.Equal(0, p.FrameIndex)); // untouched beyond count
        }
    }

    [Fact]
    public void Lanes_add_up_to_the_batch_asked_for()
    {
        using var lanes = ClassifierLanes.Open(TestData.Fixture(Fixture + ".onnx"), Options(maxBatch: 7), 2);

        Assert.Equal(2, lanes.Count);
        Assert.Equal(8, lanes.MaxBatch); // two lanes of ceil(7 / 2)
    }

    [Fact]
    public void A_lanes_failure_is_thrown_to_the_caller_as_it_was_and_the_lanes_keep_working()
    {
        using var lanes = ClassifierLanes.Open(TestData.Fixture(Fixture + ".onnx"), Options(maxBatch: 4), 2);
        var predictions = Predictions(4);
        FrameBuffer[] withHole = [_frames[0], _frames[1], _frames[2], null!]; // the hole is in the second lane's half

        Assert.Throws<ArgumentNullException>(() => lanes.Classify(withHole, predictions, 4));

        lanes.Classify(_frames, predictions, 4);
        Assert.Equal(3, predictions[3].FrameIndex);
    }

    [Fact]
    public void A_steady_stream_of_batches_allocates_nothing()
    {
        using var lanes = ClassifierLanes.Open(TestData.Fixture(Fixture + ".onnx"), Options(maxBatch: 4), 2);
        var predictions = Predictions(4);
        lanes.Classify(_frames, predictions, 4);
        lanes.Classify(_frames, predictions, 3);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 25; i++)
        {
            lanes.Classify(_frames, predictions, 4);
            lanes.Classify(_frames, predictions, 3);
        }

        Assert.Equal(0, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static ClassifierOptions Options(int maxBatch) => new()
    {
        Overrides = new PartialModelContract { Normalization = Normalization.Tf }, // as FixtureModelTests opens the fixture
        GenericLabelsWhenMissing = true,
        MaxBatch = maxBatch,
        Threads = 1,
    };

    private static Prediction[] Predictions(int count) => [.. Enumerable.Range(0, count).Select(_ => new Prediction(10))];
}
