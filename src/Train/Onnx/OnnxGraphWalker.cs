using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Follows a classifier graph from its input: a chain of convolutions, each optionally followed by BatchNormalization,
/// ReLU6 and a residual Add, then global average pooling and a linear head. Only the data flow and the operator types
/// matter, so files exported with and without BatchNorm folding, under any naming, read the same. A uint8 frame input
/// normalised inside the graph, as <see cref="OnnxExporter"/> writes it, is read too, so a trained model can be the
/// base of the next training run.
/// </summary>
internal static class OnnxGraphWalker
{
    // Shape-only operators torchvision and other exporters put between pooling and the linear layer.
    private static readonly HashSet<string> PassThrough = ["Flatten", "Reshape", "Squeeze", "Identity", "Dropout"];

    public static FoundGraph Walk(GraphProto graph, string source)
    {
        var index = new OnnxGraphIndex(graph, source);
        if (index.GraphInputs is not [var input])
        {
            throw new InvalidDataException($"{source}: expected one image input, found {index.GraphInputs.Count} ({string.Join(", ", index.GraphInputs.Select(i => i.Name))}).");
        }

        var prefix = ReadFramePrefix(index, input.Name);
        var convolutions = new List<FoundConvolution>();
        string current = prefix?.ImageTensor ?? input.Name;
        while (NextConvolution(index, current) is { } conv)
        {
            var found = ReadConvolution(index, conv, current, out current);
            convolutions.Add(found);
        }

        if (convolutions.Count == 0)
        {
            throw new InvalidDataException($"{source}: the input '{input.Name}' does not lead to a convolution; this is not a MobileNetV2 classifier.");
        }

        var pool = index.Consumers(current) is [var only] && IsGlobalAveragePool(index, only) ? only : null;
        if (pool is null)
        {
            string found = string.Join(", ", index.Consumers(current).Select(OnnxGraphIndex.Describe).DefaultIfEmpty("nothing (a graph output)"));
            throw new InvalidDataException(
                $"{source}: after convolution {convolutions.Count}, expected GlobalAveragePool, found {found}.");
        }

        var (head, headOutput, note) = ReadHead(index, pool.Output[0]);
        // A frame input is NHWC, a tensor input NCHW.
        var size = InputSize(input, heightAxis: prefix is null ? 2 : 1);
        return new FoundGraph(input.Name, size, prefix, convolutions, pool.Output[0], head, headOutput, note);
    }

    /// <summary>The Cast, Sub, Mul, Transpose chain from a uint8 NHWC frame to the first convolution, or null without one.</summary>
    private static FramePrefix? ReadFramePrefix(OnnxGraphIndex index, string input)
    {
        if (index.SoleConsumer(input, "Cast") is not { } cast
            || index.SoleConsumer(cast.Output[0], "Sub") is not { } subtract || subtract.Input[0] != cast.Output[0]
            || index.SoleConsumer(subtract.Output[0], "Mul") is not { } multiply || multiply.Input[0] != subtract.Output[0]
            || index.SoleConsumer(multiply.Output[0], "Transpose") is not { } transpose
            || !OnnxGraphIndex.Ints(transpose, "perm", []).SequenceEqual([0, 3, 1, 2]))
        {
            return null;
        }

        float[] mean = index.ConstantFloats(subtract, 1, "mean");
        float[] inverseStd = index.ConstantFloats(multiply, 1, "inverse std");
        if (mean.Length != 3 || inverseStd.Length != 3)
        {
            throw new InvalidDataException(
                $"{index.Source}: the frame normalisation has {mean.Length} means and {inverseStd.Length} scales; expected one per colour channel, 3.");
        }

        return new FramePrefix(transpose.Output[0], mean, inverseStd);
    }

    private static NodeProto? NextConvolution(OnnxGraphIndex index, string tensor)
    {
        var convs = index.Consumers(tensor).Where(n => n.OpType == "Conv").ToList();
        return convs.Count switch
        {
            0 => null,
            1 when convs[0].Input[0] == tensor => convs[0],
            _ => throw new InvalidDataException($"{index.Source}: tensor '{tensor}' feeds {convs.Count} convolutions or a convolution's weight; MobileNetV2 has a single path."),
        };
    }

    private static FoundConvolution ReadConvolution(OnnxGraphIndex index, NodeProto conv, string input, out string output)
    {
        float[] weight = index.ConstantFloats(conv, 1, "weight");
        long[] shape = index.ConstantDims(conv, 1);
        float[]? bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? index.ConstantFloats(conv, 2, "bias") : null;
        if (shape.Length != 4)
        {
            throw new InvalidDataException($"{index.Source}: {OnnxGraphIndex.Describe(conv)} has a {shape.Length}-D weight; expected a 2-D convolution.");
        }

        if (conv.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("NOTSET" or "")))
        {
            throw new InvalidDataException($"{index.Source}: {OnnxGraphIndex.Describe(conv)} uses auto_pad; expected explicit pads as torchvision exports them.");
        }

        output = conv.Output[0];
        BatchNormValues? norm = null;
        if (index.SoleConsumer(output, "BatchNormalization") is { } bn && bn.Input[0] == output)
        {
            norm = new BatchNormValues(
                index.ConstantFloats(bn, 1, "scale"),
                index.ConstantFloats(bn, 2, "bias"),
                index.ConstantFloats(bn, 3, "mean"),
                index.ConstantFloats(bn, 4, "variance"),
                OnnxGraphIndex.Float(bn, "epsilon", 1e-5f));
            output = bn.Output[0];
        }

        bool relu6 = false;
        if (index.SoleConsumer(output, "Clip") is { } clip && clip.Input[0] == output)
        {
            var (min, max) = ClipRange(index, clip);
            if (min != 0f || max != 6f)
            {
                throw new InvalidDataException($"{index.Source}: {OnnxGraphIndex.Describe(clip)} clips to [{min}, {max}]; MobileNetV2 uses ReLU6, [0, 6].");
            }

            relu6 = true;
            output = clip.Output[0];
        }

        string? residual = null;
        if (index.SoleConsumer(output, "Add") is { Input.Count: 2 } add)
        {
            residual = add.Input[0] == output ? add.Input[1] : add.Input[0];
            output = add.Output[0];
        }

        return new FoundConvolution(
            input,
            shape,
            weight,
            bias,
            OnnxGraphIndex.Ints(conv, "strides", [1, 1]),
            OnnxGraphIndex.Ints(conv, "pads", [0, 0, 0, 0]),
            OnnxGraphIndex.Ints(conv, "dilations", [1, 1]),
            (int)OnnxGraphIndex.Int(conv, "group", 1),
            norm,
            relu6,
            residual);
    }

    private static (float Min, float Max) ClipRange(OnnxGraphIndex index, NodeProto clip)
    {
        // Opset 11 moved min and max from attributes to optional inputs; files of both kinds exist.
        float min = clip.Input.Count > 1 && clip.Input[1].Length > 0
            ? index.ConstantFloats(clip, 1, "min")[0]
            : OnnxGraphIndex.Float(clip, "min", float.NegativeInfinity);
        float max = clip.Input.Count > 2 && clip.Input[2].Length > 0
            ? index.ConstantFloats(clip, 2, "max")[0]
            : OnnxGraphIndex.Float(clip, "max", float.PositiveInfinity);
        return (min, max);
    }

    private static bool IsGlobalAveragePool(OnnxGraphIndex index, NodeProto node)
    {
        if (node.OpType == "GlobalAveragePool")
        {
            return true;
        }

        if (node.OpType != "ReduceMean")
        {
            return false;
        }

        // torchvision before 0.8 pooled with x.mean([2, 3]); axes are an attribute before opset 18, an input after.
        long[] axes = node.Input.Count > 1 && index.Constant(node.Input[1]) is { } axesTensor
            ? ReadInt64(axesTensor)
            : OnnxGraphIndex.Ints(node, "axes", []);
        return axes.Order().SequenceEqual([2, 3]) || axes.Order().SequenceEqual([-2, -1]);
    }

    private static long[] ReadInt64(TensorProto tensor) =>
        tensor.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray()
            : [.. tensor.Int64Data];

    private static (LinearHeadValues? Head, string? Output, string? Note) ReadHead(OnnxGraphIndex index, string pooled)
    {
        var node = SkipPassThrough(index, ref pooled, out _);
        if (node is null)
        {
            return (null, null, "the pooled features do not lead to a single linear layer");
        }

        LinearHeadValues head;
        if (node.OpType == "Gemm" && node.Input.Count == 3)
        {
            head = ReadGemm(index, node);
        }
        else if (node.OpType == "MatMul" && index.SoleConsumer(node.Output[0], "Add") is { } add)
        {
            head = ReadMatMulAdd(index, node, add);
            node = add;
        }
        else if (node.OpType == "Conv" && index.ConstantDims(node, 1) is [_, _, 1, 1])
        {
            // Gluon-style heads classify with a 1x1 convolution on the pooled [N, C, 1, 1] map.
            head = ReadPointwiseConv(index, node);
        }
        else
        {
            return (null, null, $"the pooled features lead to {OnnxGraphIndex.Describe(node)}, not a linear layer");
        }

        string output = node.Output[0];
        return SkipPassThrough(index, ref output, out bool end) is null && end && index.GraphOutputs.Contains(output)
            ? (head, output, null)
            : (null, null, "more layers follow the first linear layer");
    }

    /// <summary>
    /// Follows shape-only operators from a tensor and returns the sole consumer that is not one; null when the tensor
    /// has no consumer (<paramref name="end"/> is then true) or several.
    /// </summary>
    private static NodeProto? SkipPassThrough(OnnxGraphIndex index, ref string tensor, out bool end)
    {
        while (index.Consumers(tensor) is [var only])
        {
            if (!PassThrough.Contains(only.OpType))
            {
                end = false;
                return only;
            }

            tensor = only.Output[0];
        }

        end = index.Consumers(tensor).Count == 0;
        return null;
    }

    private static LinearHeadValues ReadPointwiseConv(OnnxGraphIndex index, NodeProto conv)
    {
        long[] dims = index.ConstantDims(conv, 1);
        int classes = (int)dims[0];
        float[] bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? index.ConstantFloats(conv, 2, "bias") : new float[classes];
        return new LinearHeadValues(index.ConstantFloats(conv, 1, "weight"), bias, classes, (int)dims[1]);
    }

    private static LinearHeadValues ReadGemm(OnnxGraphIndex index, NodeProto gemm)
    {
        if (OnnxGraphIndex.Int(gemm, "transA", 0) != 0)
        {
            throw new InvalidDataException($"{index.Source}: {OnnxGraphIndex.Describe(gemm)} transposes its input; expected features as rows.");
        }

        float alpha = OnnxGraphIndex.Float(gemm, "alpha", 1f);
        float beta = OnnxGraphIndex.Float(gemm, "beta", 1f);
        long[] dims = index.ConstantDims(gemm, 1);
        float[] weight = index.ConstantFloats(gemm, 1, "weight");
        float[] bias = index.ConstantFloats(gemm, 2, "bias");
        bool transposed = OnnxGraphIndex.Int(gemm, "transB", 0) != 0;
        int classes = (int)(transposed ? dims[0] : dims[1]);
        int features = (int)(transposed ? dims[1] : dims[0]);
        float[] rows = transposed ? weight : Transpose(weight, features, classes);
        return new LinearHeadValues([.. rows.Select(w => w * alpha)], [.. Broadcast(bias, classes).Select(b => b * beta)], classes, features);
    }

    private static LinearHeadValues ReadMatMulAdd(OnnxGraphIndex index, NodeProto matMul, NodeProto add)
    {
        long[] dims = index.ConstantDims(matMul, 1);
        int features = (int)dims[0];
        int classes = (int)dims[1];
        int biasInput = add.Input[0] == matMul.Output[0] ? 1 : 0;
        float[] bias = index.ConstantFloats(add, biasInput, "bias");
        return new LinearHeadValues(Transpose(index.ConstantFloats(matMul, 1, "weight"), features, classes), Broadcast(bias, classes), classes, features);
    }

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    private static float[] Broadcast(float[] bias, int classes) => bias.Length switch
    {
        1 => Enumerable.Repeat(bias[0], classes).ToArray(),
        _ when bias.Length == classes => bias,
        _ => throw new InvalidDataException($"The head's bias has {bias.Length} values for {classes} outputs."),
    };

    /// <summary>The fixed height and width of a 4-D input: axes 2 and 3 for NCHW, 1 and 2 for NHWC.</summary>
    private static (int Height, int Width)? InputSize(ValueInfoProto input, int heightAxis)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        const TensorShapeProto.Types.Dimension.ValueOneofCase Fixed = TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue;
        return dims is { Count: 4 } && dims[heightAxis].ValueCase == Fixed && dims[heightAxis + 1].ValueCase == Fixed
            ? ((int)dims[heightAxis].DimValue, (int)dims[heightAxis + 1].DimValue)
            : null;
    }
}
