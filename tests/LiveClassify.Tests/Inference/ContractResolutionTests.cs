using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Inference;
using LiveClassify.Inference.Contracts;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

public sealed class ContractResolutionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sidecar_overrides_metadata_and_flags_override_both_field_by_field()
    {
        string model = WriteModel(Metadata(new PartialModelContract
        {
            Width = 32,
            Height = 24,
            Resize = ResizeMode.Crop,
            Normalization = Normalization.Tf,
            Labels = ["m1", "m2", "m3"],
        }));
        File.WriteAllText(ModelMetadataKeys.SidecarPath(model), ModelContractJson.Write(new PartialModelContract
        {
            Resize = ResizeMode.Letterbox,
            Labels = ["s1", "s2", "s3"],
            Output = OutputKind.Logits,
        }));

        using var classifier = OnnxClassifier.Open(model, new ClassifierOptions
        {
            Overrides = new ContractFlags { Preprocess = "torch" }.ToOverrides(),
        });
        var contract = classifier.Contract;

        Assert.Equal((32, 24), (contract.Preprocess.Width, contract.Preprocess.Height));
        Assert.Equal(ContractSource.Metadata, contract.SourceOf(ContractField.Size));
        Assert.Equal(ResizeMode.Letterbox, contract.Preprocess.Resize);
        Assert.Equal(ContractSource.Sidecar, contract.SourceOf(ContractField.Resize));
        Assert.Equal(["s1", "s2", "s3"], contract.Labels.Names);
        Assert.Equal(ContractSource.Sidecar, contract.SourceOf(ContractField.Labels));
        Assert.Same(Normalization.Torch, contract.Preprocess.Normalization);
        Assert.Equal(ContractSource.Flags, contract.SourceOf(ContractField.Normalization));
        Assert.Equal(ContractSource.Flags, contract.SourceOf(ContractField.ColorOrder));
        Assert.Equal(ContractSource.Sidecar, contract.SourceOf(ContractField.Output));
        Assert.Equal(ModelMetadataKeys.SidecarPath(model), contract.SidecarPath);
        Assert.Equal(
            ["resize: sidecar overrides metadata", "labels: sidecar overrides metadata", "normalization: flags overrides metadata"],
            contract.Overrides);
        Assert.Equal(
            "size 32x24 (metadata), resize letterbox (sidecar tiny.onnx.json), fill 0 (default), color rgb (flags), "
            + "normalization torch (flags), layout nchw (model), dtype float32 (model), 3 labels (sidecar tiny.onnx.json), "
            + "output logits (sidecar tiny.onnx.json)",
            contract.DescribeSources());
    }

    [Fact]
    public void The_labels_flag_overrides_every_other_source_of_labels()
    {
        string model = WriteModel(Metadata(new PartialModelContract { Normalization = Normalization.Tf, Width = 8, Height = 8, Labels = ["m1", "m2", "m3"] }));
        string labels = _folder.Combine("labels.txt");
        File.WriteAllText(labels, "cat\ndog\n\nbird\n");

        using var classifier = OnnxClassifier.Open(model, new ClassifierOptions { LabelsPath = labels });
        Assert.Equal(["cat", "dog", "bird"], classifier.Contract.Labels.Names);
        Assert.Equal(ContractSource.Flags, classifier.Contract.SourceOf(ContractField.Labels));
        Assert.Contains($"3 labels (--labels {labels})", classifier.Contract.DescribeSources(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_alone_is_enough_and_needs_no_flag()
    {
        var written = new ModelContract(
            new PreprocessSpec(20, 10, ResizeMode.Crop, ColorOrder.Bgr, Normalization.Caffe, TensorLayout.Nchw, TensorElementType.Float32),
            new LiveClassify.Core.Labels.LabelMap(["x", "y", "z"]),
            OutputKind.Logits);
        string model = WriteModel(Metadata(written.ToPartial()));

        using var classifier = OnnxClassifier.Open(model);
        Assert.Equal(written.Preprocess, classifier.Contract.Preprocess);
        Assert.Equal(written.Labels.Names, classifier.Contract.Labels.Names);
        Assert.All(Enum.GetValues<ContractField>(), f => Assert.Equal(ContractSource.Metadata, classifier.Contract.SourceOf(f)));
        Assert.Empty(classifier.Contract.Overrides);
    }

    [Fact]
    public void Open_fields_are_read_from_the_model_or_defaulted()
    {
        string model = new TinyOnnx { InputShape = [1, 3, 40, 30] }.WriteTo(_folder.Combine("fixed.onnx"));
        using var classifier = OnnxClassifier.Open(model, new ClassifierOptions
        {
            Overrides = new PartialModelContract { Normalization = Normalization.Tf },
            GenericLabelsWhenMissing = true,
        });
        var contract = classifier.Contract;

        Assert.Equal((30, 40), (contract.Preprocess.Width, contract.Preprocess.Height));
        Assert.Equal(ContractSource.Model, contract.SourceOf(ContractField.Size));
        Assert.Equal(ContractSource.Model, contract.SourceOf(ContractField.Layout));
        Assert.Equal(ContractSource.Model, contract.SourceOf(ContractField.ElementType));
        Assert.Equal(ResizeMode.Stretch, contract.Preprocess.Resize);
        Assert.Equal(ContractSource.Default, contract.SourceOf(ContractField.Resize));
        Assert.Equal(ColorOrder.Rgb, contract.Preprocess.ColorOrder);
        Assert.Equal(OutputKind.Logits, contract.Output);
        Assert.Equal(["class_0", "class_1", "class_2"], contract.Labels.Names);
        Assert.Equal(ContractSource.Default, contract.SourceOf(ContractField.Labels));
        Assert.Null(contract.SidecarPath);
    }

    [Fact]
    public void Missing_fields_are_named_with_how_to_give_them()
    {
        string model = new TinyOnnx().WriteTo(_folder.Combine("bare.onnx"));
        var e = Assert.Throws<ModelLoadException>(() => OnnxClassifier.Open(model).Dispose());
        Assert.Equal(
            $"{model}: the model contract is incomplete: no size (input 'x' float32 [batch,3,height,width] leaves it free: give --size N or WxH); "
            + "no normalization (give --preprocess tf|torch|caffe|raw or --mean/--std); "
            + "no labels (the output has 3 values per image: give --labels FILE); or put the fields in the sidecar bare.onnx.json",
            e.Message);
        Assert.Equal(model, e.ModelPath);
    }

    [Fact]
    public void A_uint8_model_cannot_take_a_float_normalization()
    {
        string model = new TinyOnnx { UInt8Input = true, InputShape = ["batch", 3, 8, 8] }.WriteTo(_folder.Combine("bytes.onnx"));
        var e = Assert.Throws<ModelLoadException>(() => OnnxClassifier.Open(model, new ClassifierOptions
        {
            Overrides = new ContractFlags { Preprocess = "tf" }.ToOverrides(),
            GenericLabelsWhenMissing = true,
        }).Dispose());
        Assert.StartsWith($"{model}: the model contract cannot be applied: A uint8 input cannot carry normalization 'tf'", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Metadata(PartialModelContract contract) =>
        new() { [ModelMetadataKeys.Contract] = ModelContractJson.Write(contract) };

    private string WriteModel(Dictionary<string, string> metadata) =>
        new TinyOnnx { Metadata = metadata }.WriteTo(_folder.Combine("tiny.onnx"));
}
