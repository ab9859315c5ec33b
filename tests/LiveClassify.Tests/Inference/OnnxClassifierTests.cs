using System.Diagnostics;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Models;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Inference;
using LiveClassify.Inference.Contracts;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

public sealed class OnnxClassifierTests : IDisposable
{
    private static readonly string[] Abc = ["a", "b", "c"];
    private readonly TempFolder _folder = new();
    private readonly FramePool _pool = new();

    public void Dispose()
    {
        _folder.Dispose();
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void A_uniform_frame_gives_the_scores_computed_by_hand()
    {
        // Identity head over the per-channel mean: the logits are the normalised RGB values of the colour.
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Tf, size: 16));
        var prediction = ClassifyUniform(classifier, 64, 48, blue: 10, green: 100, red: 200);

        float[] logits = [(200 - 127.5f) / 127.5f, (100 - 127.5f) / 127.5f, (10 - 127.5f) / 127.5f];
        AssertClose(logits, classifier.LastRawOutput, 1e-5f);
        var expected = new float[3];
        ScoreMath.Softmax(logits, expected);
        AssertClose(expected, prediction.Probabilities, 1e-5f);
        Assert.Equal(0, prediction.Top1);
    }

    [Fact]
    public void Nhwc_models_see_the_same_values_as_nchw_models()
    {
        using var classifier = Open(
            new TinyOnnx { InputShape = ["batch", 24, 24, 3] }, Overrides(normalization: Normalization.Tf));
        Assert.Equal(TensorLayout.Nhwc, classifier.Contract.Preprocess.Layout);
        Assert.Equal(ContractSource.Model, classifier.Contract.SourceOf(ContractField.Layout));
        ClassifyUniform(classifier, 64, 48, blue: 10, green: 100, red: 200);
        AssertClose([(200 - 127.5f) / 127.5f, (100 - 127.5f) / 127.5f, (10 - 127.5f) / 127.5f], classifier.LastRawOutput, 1e-5f);
    }

    [Fact]
    public void The_caffe_preset_feeds_bgr_minus_the_imagenet_means()
    {
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Caffe, size: 8) with { ColorOrder = ColorOrder.Bgr });
        ClassifyUniform(classifier, 20, 20, blue: 10, green: 100, red: 200);
        AssertClose([10 - 103.939f, 100 - 116.779f, 200 - 123.68f], classifier.LastRawOutput, 1e-3f);
    }

    [Fact]
    public void A_uint8_model_gets_raw_pixels_without_being_told_the_normalization()
    {
        using var classifier = Open(new TinyOnnx { UInt8Input = true, InputShape = ["batch", 3, 10, 10] }, new PartialModelContract { Labels = Abc });
        Assert.Equal(TensorElementType.UInt8, classifier.Contract.Preprocess.ElementType);
        Assert.Equal("raw", classifier.Contract.Preprocess.Normalization.Preset);
        ClassifyUniform(classifier, 30, 30, blue: 10, green: 100, red: 200);
        AssertClose([200, 100, 10], classifier.LastRawOutput, 1e-4f);
    }

    [Fact]
    public void Probability_outputs_are_copied_not_softmaxed_again()
    {
        var partial = Overrides(normalization: Normalization.Tf, size: 8) with { Output = OutputKind.Probabilities };
        using var classifier = Open(new TinyOnnx { Softmax = true }, partial);
        var prediction = ClassifyUniform(classifier, 8, 8, blue: 0, green: 255, red: 0);
        AssertClose(classifier.LastRawOutput.ToArray(), prediction.Probabilities, 0f);
        Assert.Equal(1f, prediction.Probabilities.ToArray().Sum(), 5);
    }

    [Fact]
    public void A_one_unit_output_with_two_labels_is_a_sigmoid_binary_classifier()
    {
        var model = new TinyOnnx { Weights = [[1, -1, 0]], Bias = [0.25f] };
        var partial = Overrides(normalization: Normalization.Tf, size: 8) with { Labels = ["background", "object"] };
        using var classifier = Open(model, partial);
        Assert.Equal(OutputKind.Sigmoid, classifier.Contract.Output);
        Assert.Equal(ContractSource.Model, classifier.Contract.SourceOf(ContractField.Output));
        Assert.Equal(1, classifier.RawOutputWidth);

        var prediction = ClassifyUniform(classifier, 8, 8, blue: 0, green: 50, red: 250);
        float raw = ((250 - 127.5f) / 127.5f) - ((50 - 127.5f) / 127.5f) + 0.25f;
        Assert.Equal(raw, classifier.LastRawOutput[0], 5);
        Assert.Equal(ScoreMath.Sigmoid(raw), prediction.Probabilities[1], 6);
        Assert.Equal(1 - ScoreMath.Sigmoid(raw), prediction.Probabilities[0], 6);
        Assert.Equal(1, prediction.Top1);
    }

    [Fact]
    public void Predictions_carry_the_frame_stamps_and_the_model_generation()
    {
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Tf, size: 8), generation: 7);
        var frame = TestFrames.Uniform(_pool, 16, 16, 1, 2, 3);
        frame.FrameIndex = 41;
        frame.Timestamp = TimeSpan.FromSeconds(1.5);
        frame.CapturedAt = 123456;
        var prediction = new Prediction(3);
        long before = Stopwatch.GetTimestamp();
        classifier.Classify(frame, prediction);
        frame.Release();

        Assert.Equal(41, prediction.FrameIndex);
        Assert.Equal(TimeSpan.FromSeconds(1.5), prediction.FrameTimestamp);
        Assert.Equal(123456, prediction.FrameCapturedAt);
        Assert.Equal(7, prediction.ModelGeneration);
        Assert.True(prediction.CompletedAt >= before);
        Assert.True(prediction.InferenceTime > TimeSpan.Zero);
        Assert.Equal(1, classifier.Timings.Runs);
        Assert.True(classifier.Timings.RunP50 > TimeSpan.Zero);
        Assert.True(classifier.Timings.PreprocessP50 > TimeSpan.Zero);
    }

    [Fact]
    public void A_batch_gives_what_frames_one_by_one_give()
    {
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Torch, size: 12), maxBatch: 4);
        Assert.Equal(4, classifier.MaxBatch);
        var frames = Enumerable.Range(0, 6).Select(i => TestFrames.Noise(_pool, 40 + i, 30, seed: i)).ToArray();
        var batched = frames.Select(_ => new Prediction(3)).ToArray();
        classifier.Classify(frames, batched);
        foreach (var (frame, expectedFromBatch) in frames.Zip(batched))
        {
            var single = new Prediction(3);
            classifier.Classify(frame, single);
            AssertClose(single.Probabilities.ToArray(), expectedFromBatch.Probabilities, 1e-6f);
            Assert.Equal(frame.FrameIndex, expectedFromBatch.FrameIndex);
            frame.Release();
        }
    }

    [Fact]
    public void A_model_with_a_fixed_batch_of_one_runs_batches_frame_by_frame()
    {
        using var classifier = Open(
            new TinyOnnx { InputShape = [1, 3, 8, 8] }, Overrides(normalization: Normalization.Tf), maxBatch: 8);
        Assert.Equal(1, classifier.MaxBatch);
        var frames = new[] { TestFrames.Uniform(_pool, 8, 8, 0, 0, 255), TestFrames.Uniform(_pool, 8, 8, 255, 0, 0) };
        var predictions = new[] { new Prediction(3), new Prediction(3) };
        classifier.Classify(frames, predictions);
        Assert.Equal(0, predictions[0].Top1);
        Assert.Equal(2, predictions[1].Top1);
        Array.ForEach(frames, f => f.Release());
    }

    [Fact]
    public void A_class_dimension_left_free_in_the_file_is_still_checked()
    {
        // ONNX Runtime's shape inference usually fills the free dimension from the head; when it cannot, the
        // classifier measures it with one run at load. Either way a label count that does not fit is refused.
        var model = new TinyOnnx { OutputShape = ["batch", "classes"] };
        using var classifier = Open(model, Overrides(normalization: Normalization.Tf, size: 8));
        Assert.Equal(3, classifier.RawOutputWidth);

        var wrong = Overrides(normalization: Normalization.Tf, size: 8) with { Labels = ["a", "b", "c", "d"] };
        var e = Assert.Throws<ModelLoadException>(() => Open(model, wrong, name: "free.onnx").Dispose());
        Assert.Contains("free.onnx: 4 labels (flags) but output 'y' float32 [batch,", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("has 3 values per image (expected 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_raw_path_runs_what_the_caller_wrote()
    {
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Tf, size: 2), maxBatch: 2);
        var input = classifier.GetInputBuffer(2);
        Assert.Equal(2 * 3 * 2 * 2, input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = i / 4; // image 0 channels 0,1,2 then image 1 channels 3,4,5, each plane constant
        }

        classifier.RunRaw(2);
        AssertClose([0, 1, 2, 3, 4, 5], classifier.LastRawOutput, 1e-6f);
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.RunRaw(3));
        Assert.Throws<InvalidOperationException>(() => classifier.GetInputBytes(1));
    }

    [Fact]
    public void A_prediction_of_the_wrong_size_is_refused()
    {
        using var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Tf, size: 8));
        var frame = TestFrames.Uniform(_pool, 8, 8, 0, 0, 0);
        try
        {
            Assert.Throws<ArgumentException>(() => classifier.Classify(frame, new Prediction(5)));
        }
        finally
        {
            frame.Release();
        }
    }

    [Fact]
    public void Dispose_is_idempotent_and_later_runs_fail()
    {
        var classifier = Open(new TinyOnnx(), Overrides(normalization: Normalization.Tf, size: 8));
        classifier.Dispose();
        classifier.Dispose();
        Assert.Throws<ObjectDisposedException>(() => classifier.RunRaw(1));
    }

    internal static PartialModelContract Overrides(Normalization normalization, int? size = null) => new()
    {
        Normalization = normalization,
        Width = size,
        Height = size,
        Labels = Abc,
    };

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"value {i}: expected {expected[i]}, found {actual[i]} (tolerance {tolerance})");
        }
    }

    private OnnxClassifier Open(TinyOnnx model, PartialModelContract? overrides, int maxBatch = 1, int generation = 0, string name = "tiny.onnx") =>
        OnnxClassifier.Open(
            model.WriteTo(_folder.Combine(name)),
            new ClassifierOptions { Overrides = overrides, MaxBatch = maxBatch, ModelGeneration = generation, Threads = 1 });

    private Prediction ClassifyUniform(OnnxClassifier classifier, int width, int height, byte blue, byte green, byte red)
    {
        var frame = TestFrames.Uniform(_pool, width, height, blue, green, red);
        var prediction = new Prediction(classifier.Contract.Labels.Count);
        try
        {
            classifier.Classify(frame, prediction);
        }
        finally
        {
            frame.Release();
        }

        return prediction;
    }
}
