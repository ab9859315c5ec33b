using Google.Protobuf;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Train.Onnx;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Tests.Support;

/// <summary>
/// A tiny ONNX classifier with known behaviour, for end-to-end tests: it averages each colour channel of a 32x32 RGB
/// input (raw 0–255 values) and scores "red", "green" and "blue" by the channel means, so a frame of one colour is
/// labelled with that colour, with high confidence. The contract travels in the model's metadata.
/// </summary>
internal static class ColourModel
{
    public static readonly string[] Labels = ["red", "green", "blue"];

    public static void Write(string path)
    {
        var builder = new OnnxGraphBuilder();
        builder.Graph.Input.Add(new ValueInfoProto
        {
            Name = "image",
            Type = OnnxGraphBuilder.TensorType(TensorProto.Types.DataType.Float, null, 3, 32, 32),
        });
        string pooled = builder.Node("GlobalAveragePool", "pool", ["image"]);
        string flat = builder.Node("Flatten", "flatten", [pooled], OnnxGraphBuilder.Int("axis", 1));
        // Logits 0.1 × channel mean: a pure colour gives logits 25.5 apart, a certain prediction.
        float[] weights = [0.1f, 0, 0, 0, 0.1f, 0, 0, 0, 0.1f];
        string w = builder.Constant("w", weights, 3, 3);
        string b = builder.Constant("b", [0f, 0f, 0f], 3);
        string logits = builder.Node("Gemm", "head", [flat, w, b], OnnxGraphBuilder.Int("transB", 1));
        builder.Graph.Output.Add(new ValueInfoProto
        {
            Name = logits,
            Type = OnnxGraphBuilder.TensorType(TensorProto.Types.DataType.Float, null, 3),
        });

        var contract = new PartialModelContract
        {
            Width = 32,
            Height = 32,
            Resize = ResizeMode.Stretch,
            ColorOrder = ColorOrder.Rgb,
            Normalization = Normalization.Raw,
            Layout = TensorLayout.Nchw,
            ElementType = TensorElementType.Float32,
            Labels = Labels,
            Output = OutputKind.Logits,
        };
        var model = new ModelProto { IrVersion = 8, ProducerName = "liveclassify-tests", Graph = builder.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadataKeys.Contract, Value = ModelContractJson.Write(contract) });
        File.WriteAllBytes(path, model.ToByteArray());
    }
}
