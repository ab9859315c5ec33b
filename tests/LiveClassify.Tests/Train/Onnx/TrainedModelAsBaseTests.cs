using Google.Protobuf;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;
using LiveClassify.Train.Onnx.Proto;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Onnx;

/// <summary>
/// A model exported by <c>train</c> takes uint8 frames and normalises them inside its graph; it can be the base of the
/// next run (the field loop retrains from the model it is showing) and comes back as the model that was exported.
/// </summary>
[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class TrainedModelAsBaseTests
{
    private const int Side = 96;

    [Theory]
    [InlineData(ColorOrder.Bgr, "torch")]
    [InlineData(ColorOrder.Rgb, "torch")]
    [InlineData(ColorOrder.Bgr, "tf")]
    public void An_exported_model_imports_back_into_the_model_it_was(ColorOrder frameOrder, string preset)
    {
        using var folder = new TempFolder();
        using var trained = FixtureModel();
        var normalization = Normalization.FromPreset(preset);
        string path = Export(trained, folder.Combine("trained.onnx"), normalization, frameOrder);

        var source = OnnxImporter.Read(path);
        using var again = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));
        var report = OnnxImporter.Import(source, again);

        TestContext.Current.SendDiagnosticMessage($"{frameOrder} {preset}: {report.Describe()}");
        Assert.Same(normalization, source.FrameNormalization);
        Assert.Equal(0.35, source.Architecture.WidthMultiplier);
        // BatchNorm is exported as its own nodes, so its running statistics come back for the next fine-tuning.
        Assert.Equal(52, report.BatchNorms);
        Assert.DoesNotContain(again.Convolutions, c => FoldedBatchNorm.IsFolded(c.Norm));
        Assert.Equal((Side, Side), report.VerifiedSize);
        Assert.True(report.HeadImported);
        Assert.InRange(report.LogitsMaxAbsDiff!.Value, 0, OnnxImporter.Tolerance);
        // The same RGB tensor through both models: the stem reads the trainer's channel order again.
        float[] input = TestData.ReadFloats(TestData.Fixture("mobilenetv2_w035_c10_ref/input_batch4.bin"));
        double worst = Logits(trained, input).Zip(Logits(again, input)).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.InRange(worst, 0, 1e-4);
    }

    [Fact]
    public void A_torchvision_file_has_no_frame_normalisation()
    {
        var source = OnnxImporter.Read(TestData.Fixture("mobilenetv2_w035_c10_folded.onnx"));

        Assert.Null(source.FrameNormalization);
    }

    [Fact]
    public void A_frame_input_without_the_contract_naming_its_channel_order_is_refused()
    {
        using var folder = new TempFolder();
        using var trained = FixtureModel();
        string path = Export(trained, folder.Combine("stripped.onnx"), Normalization.Torch, ColorOrder.Bgr);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.MetadataProps.Clear();
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.Read(path));

        Assert.StartsWith(path + ": its graph takes uint8 frames, but its metadata has no 'liveclassify.contract'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_from_an_exported_model_adopts_its_normalisation_and_says_so()
    {
        using var folder = new TempFolder();
        using var trained = FixtureModel();
        string path = Export(trained, folder.Combine("trained.onnx"), Normalization.Tf, ColorOrder.Bgr);
        using var log = new StringWriter();

        var options = LiveClassify.Cli.Commands.TrainCommand.WithBase(
            new LiveClassify.Train.Training.TrainingOptions { Dataset = folder.Path, Normalization = Normalization.Torch }, path, log);

        Assert.Same(Normalization.Tf, options.Normalization);
        Assert.Contains($"train: {path} normalises its frames as tf (mean 127.5,127.5,127.5, std 127.5,127.5,127.5); training uses the same, not --preprocess torch.", log.ToString(), StringComparison.Ordinal);
    }

    private static MobileNetV2Classifier FixtureModel() => ImportedFixture.Open("mobilenetv2_w035_c10_bn.onnx", new HeadSpec(10, []));

    private static string Export(MobileNetV2Classifier model, string path, Normalization normalization, ColorOrder frameOrder)
    {
        var training = new PreprocessSpec(Side, Side, ResizeMode.Crop, normalization.ImpliedColorOrder, normalization, TensorLayout.Nchw, TensorElementType.Float32);
        OnnxExporter.Export(model, new OnnxExportOptions(training, LabelMap.Generic(10), frameOrder), path);
        return path;
    }

    private static float[] Logits(MobileNetV2Classifier model, float[] input)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(tensor(input, [4, 3, Side, Side])).data<float>().ToArray();
    }
}
