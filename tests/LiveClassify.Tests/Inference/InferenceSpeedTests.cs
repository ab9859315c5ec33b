using System.Diagnostics;
using System.Globalization;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Tests.Inference;

/// <summary>
/// Opt-in speed comparison (LIVECLASSIFY_BENCH=1): bare <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// on preallocated tensors against the classifier's raw path and <see cref="OnnxClassifier.Classify(FrameBuffer, Prediction)"/>
/// on 640x480 frames, for the full-width MobileNetV2 fixture at 224 px. Run with <c>-showLiveOutput</c> to see the table.
/// </summary>
public sealed class InferenceSpeedTests
{
    private const string Model = "mobilenetv2_w100_c10_folded";
    private const int SingleRuns = 100;
    private const int BatchRuns = 10;
    private const int Batch = 32;

    [Fact]
    [Trait("Category", "Slow")]
    public void Classifier_overhead_against_bare_onnx_runtime()
    {
        if (Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCH") != "1")
        {
            Assert.Skip("Speed measurement: set LIVECLASSIFY_BENCH=1 to run it.");
        }

        var output = TestContext.Current.TestOutputHelper!;
        var bare = MeasureBare(out float[] bareFirst);
        var pool = new FramePool();
        using var classifier = FixtureModelTests.OpenFixture(Model, Batch);

        FillRandom(classifier.GetInputBuffer(Batch));
        RequireSameScores(classifier, bareFirst);
        var raw1 = Time(SingleRuns, () => classifier.RunRaw(1));
        var raw32 = Time(BatchRuns, () => classifier.RunRaw(Batch));

        var frames = Enumerable.Range(0, Batch).Select(i => TestFrames.Noise(pool, 640, 480, seed: i)).ToArray();
        var predictions = frames.Select(_ => new Prediction(10)).ToArray();
        classifier.Classify(frames[0], predictions[0]);
        classifier.Classify(frames, predictions);
        var classify1 = Time(SingleRuns, () => classifier.Classify(frames[0], predictions[0]));
        var preprocessP50 = classifier.Timings.PreprocessP50;
        var classify32 = Time(BatchRuns, () => classifier.Classify(frames, predictions));
        Array.ForEach(frames, f => f.Release());

        output.WriteLine($"{Model}, 224 px, provider {classifier.Provider.Description}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        output.WriteLine(Row("bare InferenceSession.Run", bare.Single, bare.Batched));
        output.WriteLine(Row("classifier RunRaw", raw1, raw32));
        output.WriteLine(Row("classifier Classify 640x480", classify1, classify32));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"preprocessing 640x480 -> 224x224 p50 {preprocessP50.TotalMilliseconds:F2} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio raw/bare: batch 1 p50 {bare.Single.P50 / raw1.P50:F3}, batch {Batch} img/s {Throughput(raw32) / Throughput(bare.Batched):F3}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio Classify/bare: batch 1 fps {bare.Single.P50 / classify1.P50:F3}, batch {Batch} img/s {Throughput(classify32) / Throughput(bare.Batched):F3}"));
        Assert.Equal(0, pool.Outstanding);
    }

    private static void RequireSameScores(OnnxClassifier classifier, float[] bareFirst)
    {
        // Same input as the bare session's first image: the two paths must compute the same thing.
        classifier.RunRaw(1);
        OnnxClassifierTests.AssertClose(bareFirst, classifier.LastRawOutput, 1e-4f);
    }

    private static ((double P50, double P95) Single, (double P50, double P95) Batched) MeasureBare(out float[] firstOutput)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(TestData.Fixture(Model + ".onnx"), options);
        using var runOptions = new RunOptions();
        var input = GC.AllocateArray<float>(Batch * 3 * 224 * 224, pinned: true);
        FillRandom(input);
        var scores = GC.AllocateArray<float>(Batch * 10, pinned: true);
        using var input1 = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, 3 * 224 * 224), [1, 3, 224, 224]);
        using var output1 = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, scores.AsMemory(0, 10), [1, 10]);
        using var input32 = OrtValue.CreateTensorValueFromMemory(input, [Batch, 3, 224, 224]);
        using var output32 = OrtValue.CreateTensorValueFromMemory(scores, [Batch, 10]);
        string[] inputNames = ["input"];
        string[] outputNames = ["output"];
        OrtValue[] inputs1 = [input1];
        OrtValue[] outputs1 = [output1];
        OrtValue[] inputs32 = [input32];
        OrtValue[] outputs32 = [output32];

        session.Run(runOptions, inputNames, inputs1, outputNames, outputs1);
        firstOutput = scores[..10];
        session.Run(runOptions, inputNames, inputs32, outputNames, outputs32);
        var single = Time(SingleRuns, () => session.Run(runOptions, inputNames, inputs1, outputNames, outputs1));
        var batched = Time(BatchRuns, () => session.Run(runOptions, inputNames, inputs32, outputNames, outputs32));
        return (single, batched);
    }

    private static (double P50, double P95) Time(int runs, Action run)
    {
        var milliseconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(milliseconds);
        return (milliseconds[(runs - 1) / 2], milliseconds[(int)Math.Ceiling(0.95 * runs) - 1]);
    }

    private static double Throughput((double P50, double P95) batch) => Batch * 1000 / batch.P50;

    private static string Row(string name, (double P50, double P95) single, (double P50, double P95) batched) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} batch 1 p50 {single.P50,7:F2} ms p95 {single.P95,7:F2} ms | batch {Batch} p50 {batched.P50,8:F1} ms = {Throughput(batched),6:F0} img/s");

    private static void FillRandom(Span<float> values)
    {
        var random = new Random(5);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
