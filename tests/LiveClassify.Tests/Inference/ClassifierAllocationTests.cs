using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;

namespace LiveClassify.Tests.Inference;

/// <summary>The steady-state per-frame path allocates nothing on the managed heap.</summary>
public sealed class ClassifierAllocationTests
{
    private const int Frames = 100;

    [Fact]
    public void Classifying_a_hundred_frames_allocates_nothing()
    {
        var pool = new FramePool();
        using var classifier = FixtureModelTests.OpenFixture("mobilenetv2_w035_c10_folded", maxBatch: 1);
        var frame = TestFrames.Noise(pool, 640, 480, seed: 1);
        var prediction = new Prediction(10);
        classifier.Classify(frame, prediction); // the first frame of a size builds the resampling tables
        _ = classifier.Timings;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Frames; i++)
        {
            frame.FrameIndex = i;
            classifier.Classify(frame, prediction);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        frame.Release();
        Assert.Equal(0, allocated);
        Assert.Equal(Frames - 1, prediction.FrameIndex);
    }

    [Fact]
    public void Classifying_batches_allocates_nothing()
    {
        var pool = new FramePool();
        using var classifier = FixtureModelTests.OpenFixture("mobilenetv2_w035_c10_folded", maxBatch: 4);
        var frames = Enumerable.Range(0, 4).Select(i => TestFrames.Noise(pool, 640, 480, seed: i)).ToArray();
        var predictions = frames.Select(_ => new Prediction(10)).ToArray();
        classifier.Classify(frames, predictions);
        classifier.Classify(frames.AsSpan(0, 3), predictions.AsSpan(0, 3));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Frames / 4; i++)
        {
            classifier.Classify(frames, predictions);
            classifier.Classify(frames.AsSpan(0, 3), predictions.AsSpan(0, 3));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.ForEach(frames, f => f.Release());
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_raw_path_allocates_nothing()
    {
        using var classifier = FixtureModelTests.OpenFixture("mobilenetv2_w035_c10_folded", maxBatch: 2);
        classifier.GetInputBuffer(2).Fill(0.5f);
        classifier.RunRaw(2);

        long before = GC.GetAllocatedBytesForCurrentThread();
        float sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            classifier.RunRaw(1 + (i % 2));
            sum += classifier.LastRawOutput[0];
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sum));
    }
}
