using LiveClassify.Core.Frames;
using LiveClassify.Core.Models;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

/// <summary>
/// The torchvision MobileNetV2 fixtures (TestData/fixtures, exported by PyTorch) through the classifier: fed the
/// stored inputs on the raw path, they give the stored logits within 1e-4.
/// </summary>
public sealed class FixtureModelTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("mobilenetv2_w035_c10_folded", "mobilenetv2_w035_c10_ref")]
    [InlineData("mobilenetv2_w035_c10_bn", "mobilenetv2_w035_c10_ref")]
    [InlineData("mobilenetv2_w100_c10_folded", "mobilenetv2_w100_c10_ref")]
    public void Stored_inputs_give_the_stored_outputs(string model, string references)
    {
        using var classifier = OpenFixture(model, maxBatch: 4);
        Assert.Equal(10, classifier.RawOutputWidth);
        Assert.Equal(4, classifier.MaxBatch);
        for (int i = 0; i < 4; i++)
        {
            TestData.ReadFloats(TestData.File("fixtures", references, $"input_{i}.bin")).CopyTo(classifier.GetInputBuffer(1));
            classifier.RunRaw(1);
            OnnxClassifierTests.AssertClose(TestData.ReadFloats(TestData.File("fixtures", references, $"output_{i}.bin")), classifier.LastRawOutput, Tolerance);
        }

        TestData.ReadFloats(TestData.File("fixtures", references, "input_batch4.bin")).CopyTo(classifier.GetInputBuffer(4));
        classifier.RunRaw(4);
        OnnxClassifierTests.AssertClose(TestData.ReadFloats(TestData.File("fixtures", references, "output_batch4.bin")), classifier.LastRawOutput, Tolerance);
    }

    [Fact]
    public void The_fixture_contract_comes_from_its_shape_and_the_flags()
    {
        using var classifier = OpenFixture("mobilenetv2_w035_c10_folded", maxBatch: 1);
        var spec = classifier.Contract.Preprocess;
        Assert.Equal((96, 96, TensorLayout.Nchw, TensorElementType.Float32), (spec.Width, spec.Height, spec.Layout, spec.ElementType));
        Assert.Equal("input", classifier.InputName);
        Assert.Equal("output", classifier.OutputName);
        Assert.Equal("mobilenetv2_w035_c10_folded.onnx", classifier.ModelName);
    }

    [Fact]
    public void Batched_frames_give_what_single_frames_give()
    {
        var pool = new FramePool();
        using var classifier = OpenFixture("mobilenetv2_w035_c10_folded", maxBatch: 3);
        var frames = Enumerable.Range(0, 5).Select(i => TestFrames.Noise(pool, 160 + (8 * i), 120, seed: 10 + i)).ToArray();
        var batched = frames.Select(_ => new Prediction(10)).ToArray();
        classifier.Classify(frames, batched);
        var single = new Prediction(10);
        for (int i = 0; i < frames.Length; i++)
        {
            classifier.Classify(frames[i], single);
            OnnxClassifierTests.AssertClose(single.Probabilities, batched[i].Probabilities, 1e-5f);
            Assert.Equal(frames[i].FrameIndex, batched[i].FrameIndex);
            frames[i].Release();
        }

        Assert.Equal(0, pool.Outstanding);
    }

    internal static OnnxClassifier OpenFixture(string model, int maxBatch) =>
        OnnxClassifier.Open(TestData.Fixture(model + ".onnx"), FixtureOptions with { MaxBatch = maxBatch });

    internal static ClassifierOptions FixtureOptions { get; } = new()
    {
        // The fixtures carry no contract: their inputs were scaled x/127.5 - 1 and they have no class names.
        Overrides = new PartialModelContract { Normalization = Normalization.Tf },
        GenericLabelsWhenMissing = true,
    };
}
