using Google.Protobuf;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;
using LiveClassify.Train.Onnx.Proto;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Onnx;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class OnnxImporterTests
{
    private const string Folded = "mobilenetv2_w035_c10_folded.onnx";
    private const string WithBatchNorm = "mobilenetv2_w035_c10_bn.onnx";

    [Theory]
    [InlineData(Folded, 0)]
    [InlineData(WithBatchNorm, 52)]
    public void Both_torchvision_exports_import_within_tolerance(string fixture, int batchNorms)
    {
        var source = OnnxImporter.Read(TestData.Fixture(fixture));
        using var model = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));

        var report = OnnxImporter.Import(source, model);

        TestContext.Current.SendDiagnosticMessage(report.Describe());
        Assert.Equal(0.35, report.WidthMultiplier);
        Assert.Equal(52, report.Convolutions);
        Assert.Equal(batchNorms, report.BatchNorms);
        Assert.True(report.HeadImported);
        Assert.Equal((96, 96), report.VerifiedSize);
        Assert.InRange(report.FeaturesMaxAbsDiff, 0, OnnxImporter.Tolerance);
        Assert.InRange(report.LogitsMaxAbsDiff!.Value, 0, OnnxImporter.Tolerance);
    }

    [Theory]
    [InlineData(Folded)]
    [InlineData(WithBatchNorm)]
    public void Imported_model_reproduces_torchvisions_stored_outputs(string fixture)
    {
        var source = OnnxImporter.Read(TestData.Fixture(fixture));
        using var model = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));
        OnnxImporter.Import(source, model);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        float[] input = TestData.ReadFloats(TestData.Fixture("mobilenetv2_w035_c10_ref/input_batch4.bin"));
        float[] expected = TestData.ReadFloats(TestData.Fixture("mobilenetv2_w035_c10_ref/output_batch4.bin"));
        float[] actual = model.call(tensor(input, [4, 3, 96, 96])).data<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-4));
    }

    [Fact]
    public void A_model_whose_weights_differ_from_the_file_by_one_weight_is_refused()
    {
        // The weights are read from the original file; the check runs a copy with one weight perturbed, which is
        // what an importer that misread a weight would face.
        var source = OnnxImporter.Read(TestData.Fixture(Folded));
        var corrupted = source.Model.Clone();
        PerturbFirstWeight(ConvWeights(corrupted)[20], 0.05f);
        var mismatched = new OnnxBaseModel(source.Path, corrupted, source.Graph, source.Architecture, source.HeadNote, source.FrameInput);
        using var model = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));

        var error = Assert.Throws<OnnxImportRefusedException>(() => OnnxImporter.Import(mismatched, model));

        Assert.InRange(error.MaxAbsDiff, OnnxImporter.Tolerance, double.PositiveInfinity);
        Assert.Contains("import refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_damaged_weight_is_refused()
    {
        using var folder = new TempFolder();
        var model = ParseFixture(Folded);
        PerturbFirstWeight(ConvWeights(model)[20], float.NaN);
        string path = folder.Combine("damaged.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        var source = OnnxImporter.Read(path);
        using var classifier = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));

        var error = Assert.Throws<OnnxImportRefusedException>(() => OnnxImporter.Import(source, classifier));

        Assert.Contains("damaged.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_mobilenetv2_shaped_names_expected_and_found()
    {
        using var folder = new TempFolder();
        var model = ParseFixture(Folded);
        // The second block's depthwise convolution (the 5th convolution) has stride 2 in MobileNetV2.
        var conv = model.Graph.Node.Where(n => n.OpType == "Conv").ElementAt(4);
        conv.Attribute.Single(a => a.Name == "strides").Ints.Clear();
        conv.Attribute.Single(a => a.Name == "strides").Ints.Add([1, 1]);
        string path = folder.Combine("odd.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.Read(path));

        TestContext.Current.SendDiagnosticMessage(error.Message);
        Assert.Contains("odd.onnx: not a torchvision MobileNetV2 (closest: width 0.35): convolution 5 (features.2.conv.1.0) expected", error.Message, StringComparison.Ordinal);
        Assert.Contains("stride 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("found weight [48,1,3,3] stride 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused_with_its_name()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("notes.onnx");
        File.WriteAllText(path, "not a model");

        var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.Read(path));

        Assert.StartsWith(path + ": not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_with_another_class_count_is_left_alone_and_the_backbone_still_verified()
    {
        var source = OnnxImporter.Read(TestData.Fixture(WithBatchNorm));
        using var model = new MobileNetV2Classifier(source.Architecture, new HeadSpec(3, []));

        var report = OnnxImporter.Import(source, model);

        Assert.False(report.HeadImported);
        Assert.Contains("10 outputs", report.HeadNote, StringComparison.Ordinal);
        Assert.Null(report.LogitsMaxAbsDiff);
        Assert.InRange(report.FeaturesMaxAbsDiff, 0, OnnxImporter.Tolerance);
    }

    [Fact]
    public void A_head_written_as_a_pointwise_convolution_imports_like_a_gemm()
    {
        // Gluon-style export: pool → Conv 1x1 → Flatten → output, instead of pool → Flatten → Gemm.
        using var folder = new TempFolder();
        var model = ParseFixture(Folded);
        var graph = model.Graph;
        var gemm = graph.Node.Single(n => n.OpType == "Gemm");
        var flatten = graph.Node.Single(n => n.OpType == "Flatten");
        var weight = graph.Initializer.Single(i => i.Name == gemm.Input[1]);
        weight.Dims.Add([1, 1]);
        var conv = new NodeProto { OpType = "Conv", Name = "pred", Input = { flatten.Input[0], gemm.Input[1], gemm.Input[2] }, Output = { "pred_map" } };
        flatten.Input[0] = "pred_map";
        flatten.Output[0] = gemm.Output[0];
        graph.Node.Remove(gemm);
        graph.Node.Insert(graph.Node.IndexOf(flatten), conv);
        string path = folder.Combine("pointwise.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        var source = OnnxImporter.Read(path);
        using var classifier = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));

        var report = OnnxImporter.Import(source, classifier);

        Assert.True(report.HeadImported);
        Assert.InRange(report.LogitsMaxAbsDiff!.Value, 0, OnnxImporter.Tolerance);
    }

    [Fact]
    public void The_full_width_file_imports_within_tolerance_at_224()
    {
        var source = OnnxImporter.Read(TestData.Fixture("mobilenetv2_w100_c10_folded.onnx"));
        using var model = new MobileNetV2Classifier(source.Architecture, new HeadSpec(10, []));

        var report = OnnxImporter.Import(source, model);

        TestContext.Current.SendDiagnosticMessage(report.Describe());
        Assert.InRange(report.FeaturesMaxAbsDiff, 0, OnnxImporter.Tolerance);
        Assert.InRange(report.LogitsMaxAbsDiff!.Value, 0, OnnxImporter.Tolerance);
    }

    [Fact]
    public void The_full_width_file_is_recognised_as_width_one()
    {
        var source = OnnxImporter.Read(TestData.Fixture("mobilenetv2_w100_c10_folded.onnx"));

        Assert.Equal(1.0, source.Architecture.WidthMultiplier);
        Assert.Equal(10, source.HeadClasses);
        Assert.Equal((224, 224), source.InputSize);
    }

    private static ModelProto ParseFixture(string name) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(TestData.Fixture(name)));

    private static List<TensorProto> ConvWeights(ModelProto model)
    {
        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name);
        return [.. model.Graph.Node.Where(n => n.OpType == "Conv").Select(n => initializers[n.Input[1]])];
    }

    private static void PerturbFirstWeight(TensorProto weight, float value)
    {
        float[] values = OnnxTensors.ReadFloats(weight, "test");
        values[0] = float.IsNaN(value) ? value : values[0] + value;
        weight.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        weight.FloatData.Clear();
    }
}
