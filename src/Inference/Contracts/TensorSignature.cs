using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace LiveClassify.Inference.Contracts;

/// <summary>Name, kind, element type and shape of one model input or output, as ONNX Runtime reports them.</summary>
/// <param name="Name">The graph's name for it.</param>
/// <param name="IsTensor">False for sequences, maps and other non-tensor values.</param>
/// <param name="ElementType">Element type (meaningful for tensors only).</param>
/// <param name="Dimensions">Sizes, -1 where the dimension is free (named or unknown).</param>
/// <param name="SymbolicDimensions">Names of free dimensions ("batch"), empty where fixed or unnamed.</param>
internal sealed record TensorSignature(
    string Name, bool IsTensor, OrtElementType ElementType, IReadOnlyList<int> Dimensions, IReadOnlyList<string> SymbolicDimensions)
{
    public int Rank => Dimensions.Count;

    /// <summary>"float32", "uint8", … in ONNX's own words.</summary>
    public string TypeText => !IsTensor ? "non-tensor" : ElementType switch
    {
        OrtElementType.Float => "float32",
        OrtElementType.Double => "float64",
        OrtElementType.Float16 => "float16",
        _ => ElementType.ToString().ToLowerInvariant(),
    };

    /// <summary>The shape as "[batch,3,224,224]", free dimensions by name or "?".</summary>
    public string ShapeText => "[" + string.Join(',', Dimensions.Select((d, i) => d >= 0
        ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : i < SymbolicDimensions.Count && SymbolicDimensions[i].Length > 0 ? SymbolicDimensions[i] : "?")) + "]";

    /// <summary>"input 'x' float32 [batch,3,224,224]", for messages.</summary>
    public string Describe(string role) => $"{role} '{Name}' {TypeText} {(IsTensor ? ShapeText : string.Empty)}".TrimEnd();

    /// <summary>Whether dimension <paramref name="index"/> is free.</summary>
    public bool IsFree(int index) => Dimensions[index] < 0;

    public static TensorSignature From(string name, NodeMetadata metadata) => metadata.IsTensor
        ? new(name, true, metadata.ElementDataType, metadata.Dimensions, metadata.SymbolicDimensions ?? [])
        : new(name, false, default, [], []);
}
