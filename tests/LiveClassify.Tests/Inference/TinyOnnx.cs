using Google.Protobuf;

namespace LiveClassify.Tests.Inference;

/// <summary>
/// Writes minimal ONNX classifiers by encoding the protobuf by hand: the input's per-channel mean
/// (GlobalAveragePool, Flatten) through a Gemm head, so the expected scores of a uniform frame can be computed on
/// paper. Variants cover layouts, uint8 input, softmax and sigmoid heads, metadata and models that are not
/// classifiers.
/// </summary>
internal sealed record TinyOnnx
{
    private const int FloatType = 1;
    private const int UInt8Type = 2;

    /// <summary>Input shape; strings are named free dimensions. NHWC when the last dimension is 3 and the second is not.</summary>
    public object[] InputShape { get; init; } = ["batch", 3, "height", "width"];

    /// <summary>Whether the input is uint8 (cast to float inside the graph).</summary>
    public bool UInt8Input { get; init; }

    /// <summary>Head weights, one row per output with one weight per input channel.</summary>
    public float[][] Weights { get; init; } = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

    /// <summary>Head bias, one per output.</summary>
    public float[] Bias { get; init; } = [0, 0, 0];

    /// <summary>Ends in Softmax (the model outputs probabilities).</summary>
    public bool Softmax { get; init; }

    /// <summary>Declared output shape; null means [batch dimension of the input, outputs].</summary>
    public object[]? OutputShape { get; init; }

    /// <summary>metadata_props entries.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>A second input of the same shape, added to the first: not a single-image classifier.</summary>
    public bool TwoInputs { get; init; }

    /// <summary>Outputs the pooled [N,3,1,1] tensor instead of scores: not a classifier.</summary>
    public bool FourDimensionalOutput { get; init; }

    private bool Nhwc => InputShape[3] is 3 && InputShape[1] is not 3;

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    public byte[] ToBytes() => Message(model =>
    {
        model.WriteTag(1, WireFormat.WireType.Varint);
        model.WriteInt64(8);
        WriteString(model, 2, "liveclassify-tests");
        WriteMessage(model, 7, Graph());
        WriteMessage(model, 8, Message(opset =>
        {
            WriteString(opset, 1, string.Empty);
            opset.WriteTag(2, WireFormat.WireType.Varint);
            opset.WriteInt64(13);
        }));
        foreach (var (key, value) in Metadata)
        {
            WriteMessage(model, 14, Message(entry =>
            {
                WriteString(entry, 1, key);
                WriteString(entry, 2, value);
            }));
        }
    });

    private byte[] Graph() => Message(graph =>
    {
        string current = "x";
        if (TwoInputs)
        {
            WriteMessage(graph, 1, Node("Add", [current, "x2"], "sum"));
            current = "sum";
        }

        if (UInt8Input)
        {
            WriteMessage(graph, 1, Node("Cast", [current], "as_float", IntAttribute("to", FloatType)));
            current = "as_float";
        }

        if (Nhwc)
        {
            WriteMessage(graph, 1, Node("Transpose", [current], "nchw", IntsAttribute("perm", [0, 3, 1, 2])));
            current = "nchw";
        }

        WriteMessage(graph, 1, Node("GlobalAveragePool", [current], FourDimensionalOutput ? "y" : "pooled"));
        if (!FourDimensionalOutput)
        {
            WriteMessage(graph, 1, Node("Flatten", ["pooled"], "features"));
            WriteMessage(graph, 1, Node("Gemm", ["features", "w", "b"], Softmax ? "scores" : "y", IntAttribute("transB", 1)));
            if (Softmax)
            {
                WriteMessage(graph, 1, Node("Softmax", ["scores"], "y", IntAttribute("axis", 1)));
            }
        }

        WriteString(graph, 2, "tiny");
        if (!FourDimensionalOutput)
        {
            WriteMessage(graph, 5, Tensor("w", [Weights.Length, Weights[0].Length], [.. Weights.SelectMany(row => row)]));
            WriteMessage(graph, 5, Tensor("b", [Bias.Length], Bias));
        }

        int inputType = UInt8Input ? UInt8Type : FloatType;
        WriteMessage(graph, 11, ValueInfo("x", inputType, InputShape));
        if (TwoInputs)
        {
            WriteMessage(graph, 11, ValueInfo("x2", inputType, InputShape));
        }

        object[] outputShape = OutputShape
            ?? (FourDimensionalOutput ? [InputShape[0], 3, 1, 1] : [InputShape[0], Weights.Length]);
        WriteMessage(graph, 12, ValueInfo("y", FloatType, outputShape));
    });

    private static byte[] Node(string opType, string[] inputs, string output, params byte[][] attributes) => Message(node =>
    {
        foreach (string input in inputs)
        {
            WriteString(node, 1, input);
        }

        WriteString(node, 2, output);
        WriteString(node, 3, opType.ToLowerInvariant() + "_" + output);
        WriteString(node, 4, opType);
        foreach (var attribute in attributes)
        {
            WriteMessage(node, 5, attribute);
        }
    });

    private static byte[] IntAttribute(string name, long value) => Message(attribute =>
    {
        WriteString(attribute, 1, name);
        attribute.WriteTag(3, WireFormat.WireType.Varint);
        attribute.WriteInt64(value);
        attribute.WriteTag(20, WireFormat.WireType.Varint);
        attribute.WriteInt32(2);
    });

    private static byte[] IntsAttribute(string name, long[] values) => Message(attribute =>
    {
        WriteString(attribute, 1, name);
        foreach (long value in values)
        {
            attribute.WriteTag(8, WireFormat.WireType.Varint);
            attribute.WriteInt64(value);
        }

        attribute.WriteTag(20, WireFormat.WireType.Varint);
        attribute.WriteInt32(7);
    });

    private static byte[] Tensor(string name, long[] dims, float[] values) => Message(tensor =>
    {
        foreach (long dim in dims)
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint);
            tensor.WriteInt64(dim);
        }

        tensor.WriteTag(2, WireFormat.WireType.Varint);
        tensor.WriteInt32(FloatType);
        WriteString(tensor, 8, name);
        byte[] raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        tensor.WriteTag(9, WireFormat.WireType.LengthDelimited);
        tensor.WriteBytes(ByteString.CopyFrom(raw));
    });

    private static byte[] ValueInfo(string name, int elementType, object[] shape) => Message(info =>
    {
        WriteString(info, 1, name);
        WriteMessage(info, 2, Message(type => WriteMessage(type, 1, Message(tensorType =>
        {
            tensorType.WriteTag(1, WireFormat.WireType.Varint);
            tensorType.WriteInt32(elementType);
            WriteMessage(tensorType, 2, Message(tensorShape =>
            {
                foreach (object dim in shape)
                {
                    WriteMessage(tensorShape, 1, Message(dimension =>
                    {
                        if (dim is int size)
                        {
                            dimension.WriteTag(1, WireFormat.WireType.Varint);
                            dimension.WriteInt64(size);
                        }
                        else
                        {
                            WriteString(dimension, 2, (string)dim);
                        }
                    }));
                }
            }));
        }))));
    });

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(output);
        }

        return buffer.ToArray();
    }
}
