using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Inference;

/// <summary>Every model that cannot be used is refused at load with one line naming the file and the problem.</summary>
public sealed class BadModelTests : IDisposable
{
    private static readonly PartialModelContract Complete = new()
    {
        Normalization = Normalization.Tf,
        Width = 8,
        Height = 8,
        Labels = ["a", "b", "c"],
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_file()
    {
        string path = _folder.Combine("absent.onnx");
        Assert.Equal($"{path}: model file not found", Refusal(path));
    }

    [Fact]
    public void A_folder_instead_of_a_file() =>
        Assert.Equal($"{_folder.Path}: is a folder, not a model file", Refusal(_folder.Path));

    [Fact]
    public void A_zero_byte_file()
    {
        string path = _folder.Combine("empty.onnx");
        File.WriteAllBytes(path, []);
        Assert.Equal($"{path}: model file is empty (0 bytes)", Refusal(path));
    }

    [Fact]
    public void Random_bytes()
    {
        string path = _folder.Combine("random.onnx");
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.StartsWith($"{path}: not a loadable ONNX model (", Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_named_onnx()
    {
        string path = _folder.Combine("notes.onnx");
        File.WriteAllText(path, "this is not a model\nsecond line\n");
        Assert.StartsWith($"{path}: not a loadable ONNX model (", Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_inputs() => Assert.Equal(
        $"{Path("two.onnx")}: not an image classifier: it has 2 inputs (input 'x' float32 [batch,3,height,width], "
        + "input 'x2' float32 [batch,3,height,width]); expected one image tensor",
        Refusal(Write("two.onnx", new TinyOnnx { TwoInputs = true }), Complete));

    [Fact]
    public void A_four_dimensional_output() => Assert.Equal(
        $"{Path("map.onnx")}: not a classifier: output 'y' float32 [batch,3,1,1] is 4-D; expected [N,classes] scores",
        Refusal(Write("map.onnx", new TinyOnnx { FourDimensionalOutput = true }), Complete));

    [Fact]
    public void An_input_that_is_not_an_image() => Assert.Equal(
        $"{Path("flat.onnx")}: not a colour image classifier: input 'x' float32 [batch,1,28,28] has no channel dimension of 3; expected [N,3,H,W] or [N,H,W,3]",
        Refusal(Write("flat.onnx", new TinyOnnx { InputShape = ["batch", 1, 28, 28], Weights = [[1], [2], [3]] }), Complete with { Width = null, Height = null }));

    [Fact]
    public void A_fixed_batch_larger_than_one() => Assert.Equal(
        $"{Path("eight.onnx")}: input 'x' float32 [8,3,height,width] has a fixed batch of 8; expected 1 or a free batch dimension",
        Refusal(Write("eight.onnx", new TinyOnnx { InputShape = [8, 3, "height", "width"] }), Complete));

    [Fact]
    public void Labels_whose_count_does_not_match_the_output()
    {
        string labels = _folder.Combine("five.txt");
        File.WriteAllLines(labels, ["a", "b", "c", "d", "e"]);
        string model = Write("tiny.onnx", new TinyOnnx());
        Assert.Equal(
            $"{model}: 5 labels (--labels {labels}) but output 'y' float32 [batch,3] has 3 values per image (expected 5)",
            Refusal(model, Complete, labels));
    }

    [Fact]
    public void A_labels_file_that_is_missing()
    {
        string labels = _folder.Combine("absent.txt");
        Assert.Equal($"{labels}: labels file not found", Refusal(Write("tiny.onnx", new TinyOnnx()), Complete, labels));
    }

    [Fact]
    public void A_sigmoid_output_with_three_labels() => Assert.Equal(
        $"{Path("tiny.onnx")}: output sigmoid (flags) needs exactly 2 labels; found 3 (flags)",
        Refusal(Write("tiny.onnx", new TinyOnnx { Weights = [[1, 0, 0]], Bias = [0] }), Complete with { Output = OutputKind.Sigmoid }));

    [Fact]
    public void A_layout_that_does_not_fit_the_input() => Assert.Equal(
        $"{Path("tiny.onnx")}: layout nhwc (metadata) expects input [N,H,W,3] but found input 'x' float32 [batch,3,16,16]",
        Refusal(
            Write("tiny.onnx", new TinyOnnx { InputShape = ["batch", 3, 16, 16], Metadata = Metadata(new() { Layout = TensorLayout.Nhwc }) }),
            Complete with { Width = null, Height = null }));

    [Fact]
    public void A_size_that_does_not_fit_the_input() => Assert.Equal(
        $"{Path("tiny.onnx")}: size 8x8 (flags) does not fit input 'x' float32 [batch,3,16,16], which is fixed at 16x16",
        Refusal(Write("tiny.onnx", new TinyOnnx { InputShape = ["batch", 3, 16, 16] }), Complete));

    [Fact]
    public void A_dtype_that_does_not_fit_the_input()
    {
        string model = Write("tiny.onnx", new TinyOnnx());
        File.WriteAllText(ModelMetadataKeys.SidecarPath(model), """{ "preprocess": { "dtype": "uint8" } }""");
        Assert.Equal(
            $"{model}: the contract (sidecar) says dtype uint8 but input 'x' float32 [batch,3,height,width] is float32",
            Refusal(model, Complete));
    }

    [Fact]
    public void A_sidecar_that_is_not_json()
    {
        string model = Write("tiny.onnx", new TinyOnnx());
        string sidecar = ModelMetadataKeys.SidecarPath(model);
        File.WriteAllText(sidecar, "{ labels: ");
        Assert.StartsWith($"{sidecar}: the model contract is not valid (", Refusal(model, Complete), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_with_an_unknown_value() => Assert.Equal(
        $"{Path("tiny.onnx")} metadata {ModelMetadataKeys.Contract}: preprocess.resize is 'squash'; expected one of stretch, crop, letterbox.",
        Refusal(
            Write("tiny.onnx", new TinyOnnx { Metadata = new Dictionary<string, string> { [ModelMetadataKeys.Contract] = """{ "preprocess": { "resize": "squash" } }""" } }),
            Complete));

    [Fact]
    public void Duplicate_labels() => Assert.Equal(
        $"{Path("tiny.onnx")}: the labels from flags are not valid: Label 'a' appears twice. (Parameter 'names')",
        Refusal(Write("tiny.onnx", new TinyOnnx()), Complete with { Labels = ["a", "b", "a"] }));

    private static Dictionary<string, string> Metadata(PartialModelContract contract) =>
        new() { [ModelMetadataKeys.Contract] = ModelContractJson.Write(contract) };

    private static string Refusal(string path, PartialModelContract? overrides = null, string? labels = null)
    {
        var e = Assert.Throws<ModelLoadException>(
            () => OnnxClassifier.Open(path, new ClassifierOptions { Overrides = overrides, LabelsPath = labels }).Dispose());
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private string Path(string name) => _folder.Combine(name);

    private string Write(string name, TinyOnnx model) => model.WriteTo(Path(name));
}
