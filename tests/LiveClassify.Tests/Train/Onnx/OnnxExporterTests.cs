using LiveClassify.Core.Frames;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Onnx;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class OnnxExporterTests
{
    private const int Side = 96;
    private const int Batch = 2;

    private static readonly PreprocessSpec Training =
        new(Side, Side, ResizeMode.Crop, ColorOrder.Rgb, Normalization.Torch, TensorLayout.Nchw, TensorElementType.Float32);

    [Theory]
    [InlineData(ColorOrder.Bgr)]
    [InlineData(ColorOrder.Rgb)]
    public void Onnx_runtime_on_the_exported_frame_input_matches_torchsharp_within_tolerance(ColorOrder frameOrder)
    {
        using var folder = new TempFolder();
        using var model = ImportedModel(new HeadSpec(3, [16]));
        string path = folder.Combine("model.onnx");

        var contract = OnnxExporter.Export(model, new OnnxExportOptions(Training, new LabelMap(["a", "b", "c"]), frameOrder), path);

        byte[][] frames = [.. Enumerable.Range(0, Batch).Select(RandomFrame)];
        float[] expected = TorchLogits(model, frames);
        float[] actual = OnnxLogits(path, contract.Preprocess, frames);
        double worst = expected.Zip(actual).Max(pair => Math.Abs(pair.First - pair.Second));
        TestContext.Current.SendDiagnosticMessage($"export round trip ({frameOrder} frames): max abs diff {worst:G3}");
        Assert.Equal(expected.Length, actual.Length);
        Assert.InRange(worst, 0, 1e-4);
        // The two frames must give clearly different logits, or the comparison would prove little.
        Assert.InRange(Enumerable.Range(0, 3).Max(c => Math.Abs(expected[c] - expected[3 + c])), 0.01, double.PositiveInfinity);
        Assert.Equal(new PreprocessSpec(Side, Side, ResizeMode.Crop, frameOrder, Normalization.Raw, TensorLayout.Nhwc, TensorElementType.UInt8), contract.Preprocess);
        Assert.Equal(OutputKind.Logits, contract.Output);
    }

    [Fact]
    public void The_fixtures_ten_class_head_exports_and_matches_too()
    {
        using var folder = new TempFolder();
        using var model = ImportedModel(new HeadSpec(10, []));
        string path = folder.Combine("ten.onnx");

        var contract = OnnxExporter.Export(model, new OnnxExportOptions(Training, LabelMap.Generic(10)), path);

        byte[][] frames = [.. Enumerable.Range(0, Batch).Select(RandomFrame)];
        double worst = TorchLogits(model, frames).Zip(OnnxLogits(path, contract.Preprocess, frames)).Max(pair => Math.Abs(pair.First - pair.Second));
        TestContext.Current.SendDiagnosticMessage($"export round trip (10 classes): max abs diff {worst:G3}");
        Assert.InRange(worst, 0, 1e-4);
    }

    [Fact]
    public void The_live_classifier_opens_the_exported_model_with_no_flags_and_agrees_with_torchsharp()
    {
        using var folder = new TempFolder();
        using var model = ImportedModel(new HeadSpec(10, []));
        string path = folder.Combine("live.onnx");
        var labels = LabelMap.Generic(10);
        var written = OnnxExporter.Export(model, new OnnxExportOptions(Training, labels), path);
        byte[] pixels = RandomFrame(3);
        var pool = new FramePool();
        var frame = pool.Rent(Side, Side);
        pixels.CopyTo(frame.Pixels);
        var prediction = new Prediction(10);

        using (var classifier = OnnxClassifier.Open(path))
        {
            Assert.Equal(written.Preprocess, classifier.Contract.Preprocess);
            Assert.Equal(labels.Names, classifier.Contract.Labels.Names);
            Assert.Empty(classifier.Contract.Overrides);
            classifier.Classify(frame, prediction);
        }

        frame.Release();
        float[] logits = TorchLogits(model, [pixels, pixels]);
        double max = logits.Take(10).Max();
        double sum = logits.Take(10).Sum(l => Math.Exp(l - max));
        for (int c = 0; c < 10; c++)
        {
            Assert.InRange(Math.Abs(prediction.Probabilities[c] - (Math.Exp(logits[c] - max) / sum)), 0, 1e-5);
        }
    }

    [Fact]
    public void The_metadata_reads_back_into_the_same_contract_and_documents()
    {
        using var folder = new TempFolder();
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(1, []));
        string path = folder.Combine("binary.onnx");
        var options = new OnnxExportOptions(Training, new LabelMap(["cat", "dog"]), TrainingJson: """{"epochs":3}""", DatasetJson: """{"classes":2}""", MetricsJson: """{"accuracy":0.9}""");

        var written = OnnxExporter.Export(model, options, path);

        using var session = new InferenceSession(path);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var read = ModelContractJson.Read(metadata[ModelMetadataKeys.Contract], path);
        Assert.Equal(written.Preprocess, new PreprocessSpec(read.Width!.Value, read.Height!.Value, read.Resize!.Value, read.ColorOrder!.Value, read.Normalization!, read.Layout!.Value, read.ElementType!.Value, read.LetterboxFill!.Value));
        Assert.Equal(["cat", "dog"], read.Labels);
        Assert.Equal(OutputKind.Sigmoid, read.Output);
        Assert.Equal("""{"epochs":3}""", metadata[ModelMetadataKeys.Training]);
        Assert.Equal("""{"classes":2}""", metadata[ModelMetadataKeys.Dataset]);
        Assert.Equal("""{"accuracy":0.9}""", metadata[ModelMetadataKeys.Metrics]);
        Assert.Equal(OnnxExporter.InputName, session.InputMetadata.Keys.Single());
        Assert.Equal(OnnxExporter.OutputName, session.OutputMetadata.Keys.Single());
    }

    [Fact]
    public void Export_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(2, []));
        string path = folder.Combine("model.onnx");
        File.WriteAllText(path, "an older model");

        OnnxExporter.Export(model, new OnnxExportOptions(Training, new LabelMap(["a", "b"])), path);

        Assert.Equal(["model.onnx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.True(new FileInfo(path).Length > 100_000);
    }

    [Fact]
    public void Labels_that_do_not_fit_the_head_are_refused()
    {
        using var folder = new TempFolder();
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(3, []));

        var error = Assert.Throws<ArgumentException>(() =>
            OnnxExporter.Export(model, new OnnxExportOptions(Training, new LabelMap(["a", "b"])), folder.Combine("m.onnx")));

        Assert.Contains("3 outputs; 2 labels", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    /// <summary>
    /// The BatchNorm fixture's backbone (calibrated statistics far from identity, so folding is really exercised and
    /// the logits depend on the input) under the given head; a head the file cannot fill gets seeded random weights.
    /// </summary>
    private static MobileNetV2Classifier ImportedModel(HeadSpec head)
    {
        var model = ImportedFixture.Open("mobilenetv2_w035_c10_bn.onnx", head, out var report);
        if (!report.HeadImported)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var generator = new Generator(7);
            foreach (var linear in model.Classifier.modules().OfType<TorchSharp.Modules.Linear>())
            {
                linear.weight!.copy_(randn(linear.weight.shape, generator: generator) / Math.Sqrt(linear.weight.shape[1]));
                linear.bias!.copy_(randn(linear.bias!.shape, generator: generator) * 0.1);
            }
        }

        return model;
    }

    private static byte[] RandomFrame(int seed)
    {
        var frame = new byte[Side * Side * 3];
        new Random(seed).NextBytes(frame);
        return frame;
    }

    /// <summary>The trainer's path: BGR frame → float NCHW through the training contract → TorchSharp.</summary>
    private static float[] TorchLogits(MobileNetV2Classifier model, byte[][] frames)
    {
        var preprocessor = new FramePreprocessor(Training);
        var input = new float[Batch * Training.ElementsPerImage];
        for (int i = 0; i < Batch; i++)
        {
            preprocessor.Run(frames[i], Side, Side, Side * 3, input.AsSpan(i * Training.ElementsPerImage, Training.ElementsPerImage));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(tensor(input, [Batch, 3, Side, Side])).data<float>().ToArray();
    }

    /// <summary>The live loop's path: BGR frame → uint8 NHWC through the exported contract → ONNX Runtime.</summary>
    private static float[] OnnxLogits(string path, PreprocessSpec spec, byte[][] frames)
    {
        var preprocessor = new FramePreprocessor(spec);
        var input = new byte[Batch * spec.ElementsPerImage];
        for (int i = 0; i < Batch; i++)
        {
            preprocessor.Run(frames[i], Side, Side, Side * 3, input.AsSpan(i * spec.ElementsPerImage, spec.ElementsPerImage));
        }

        using var session = new InferenceSession(path);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [Batch, Side, Side, 3]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [OnnxExporter.InputName], [value], [OnnxExporter.OutputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
