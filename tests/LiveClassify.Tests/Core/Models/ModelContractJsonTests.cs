using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Tests.Core.Models;

public sealed class ModelContractJsonTests
{
    private static ModelContract Contract(Normalization normalization) => new(
        new PreprocessSpec(224, 192, ResizeMode.Letterbox, ColorOrder.Bgr, normalization, TensorLayout.Nhwc, TensorElementType.Float32, 114),
        new LabelMap(["cat", "dog", "bird"]),
        OutputKind.Probabilities);

    [Theory]
    [InlineData("tf")]
    [InlineData("torch")]
    [InlineData("caffe")]
    [InlineData("raw")]
    public void A_contract_with_a_preset_survives_a_round_trip_exactly(string preset)
    {
        var written = Contract(Normalization.FromPreset(preset)).ToPartial();

        var read = ModelContractJson.Read(ModelContractJson.Write(written), "model.onnx");

        Assert.Equal(written with { Labels = null }, read with { Labels = null });
        Assert.Same(Normalization.FromPreset(preset), read.Normalization);
        Assert.Equal(["cat", "dog", "bird"], read.Labels);
    }

    [Fact]
    public void Explicit_mean_and_std_survive_a_round_trip()
    {
        var normalization = Normalization.FromUnitMeanStd(new ChannelValues(0.5f, 0.4f, 0.3f), new ChannelValues(0.2f, 0.25f, 0.3f));

        var read = ModelContractJson.Read(ModelContractJson.Write(Contract(normalization).ToPartial()), "model.onnx");

        Assert.Equal("custom", read.Normalization!.Preset);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(normalization.Mean[c], read.Normalization.Mean[c], 1e-4f);
            Assert.Equal(normalization.Std[c], read.Normalization.Std[c], 1e-4f);
        }
    }

    [Fact]
    public void The_json_uses_the_documented_names()
    {
        string json = ModelContractJson.Write(Contract(Normalization.Torch).ToPartial());

        foreach (string expected in (string[])["\"width\": 224", "\"height\": 192", "\"resize\": \"letterbox\"", "\"color_order\": \"bgr\"",
            "\"preset\": \"torch\"", "\"layout\": \"nhwc\"", "\"dtype\": \"float32\"", "\"letterbox_fill\": 114", "\"output\": \"probabilities\""])
        {
            Assert.Contains(expected, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_field_is_optional()
    {
        Assert.Equal(PartialModelContract.Empty, ModelContractJson.Read("{}", "sidecar.json"));
        Assert.Equal("{}", ModelContractJson.Write(PartialModelContract.Empty));
    }

    [Fact]
    public void A_normalization_may_be_a_bare_preset_name()
    {
        var read = ModelContractJson.Read("""{"preprocess": {"normalization": "tf"}}""", "sidecar.json");

        Assert.Same(Normalization.Tf, read.Normalization);
    }

    [Fact]
    public void Edited_preset_values_are_read_as_custom()
    {
        var read = ModelContractJson.Read(
            """{"preprocess": {"normalization": {"preset": "torch", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}}}""", "sidecar.json");

        Assert.Equal("custom", read.Normalization!.Preset);
        Assert.Equal(127.5f, read.Normalization.Mean.C0, 1e-3f);
    }

    [Theory]
    [InlineData("""{"preprocess": {"width": "wide"}}""", "preprocess.width")]
    [InlineData("""{"preprocess": {"height": 1.5}}""", "preprocess.height")]
    [InlineData("""{"preprocess": {"resize": "squash"}}""", "preprocess.resize")]
    [InlineData("""{"preprocess": {"resize": 1}}""", "preprocess.resize")]
    [InlineData("""{"preprocess": {"color_order": "grb"}}""", "preprocess.color_order")]
    [InlineData("""{"preprocess": {"layout": "chw"}}""", "preprocess.layout")]
    [InlineData("""{"preprocess": {"dtype": "float16"}}""", "preprocess.dtype")]
    [InlineData("""{"preprocess": {"letterbox_fill": 300}}""", "preprocess.letterbox_fill")]
    [InlineData("""{"preprocess": {"normalization": "imagenet"}}""", "preprocess.normalization")]
    [InlineData("""{"preprocess": {"normalization": {"mean": [1, 2]}}}""", "preprocess.normalization.mean")]
    [InlineData("""{"preprocess": {"normalization": {"mean": [0.5, 0.5, 0.5], "std": [0, 1, 1]}}}""", "preprocess.normalization")]
    [InlineData("""{"preprocess": 5}""", "preprocess")]
    [InlineData("""{"labels": ["cat", null]}""", "labels")]
    [InlineData("""{"labels": "cat"}""", "labels")]
    [InlineData("""{"output": "scores"}""", "output")]
    public void A_bad_field_is_named_in_the_error(string json, string field)
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelContractJson.Read(json, "m.onnx.json"));

        Assert.StartsWith("m.onnx.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public void Something_that_is_not_a_json_object_is_refused_naming_the_source(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelContractJson.Read(json, "m.onnx"));

        Assert.StartsWith("m.onnx: ", error.Message, StringComparison.Ordinal);
    }
}
