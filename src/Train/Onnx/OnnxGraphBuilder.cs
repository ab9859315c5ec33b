using System.Globalization;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>Appends nodes and initializers to a graph with generated, unique tensor names.</summary>
internal sealed class OnnxGraphBuilder
{
    private int _next;

    public GraphProto Graph { get; } = new() { Name = "liveclassify" };

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        Graph.Initializer.Add(OnnxTensors.Create(name, values, dims));
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string output = string.Create(CultureInfo.InvariantCulture, $"{name}_out{_next++}");
        var node = new NodeProto { OpType = opType, Name = name, Input = { inputs }, Output = { output } };
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A float or uint8 tensor type with the given dims; a null dim is the symbolic batch size.</summary>
    public static TypeProto TensorType(TensorProto.Types.DataType type, params long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? dim in dims)
        {
            shape.Dim.Add(dim is { } value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } };
    }
}
