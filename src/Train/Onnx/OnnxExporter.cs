using System.Globalization;
using Google.Protobuf;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx.Proto;
using static TorchSharp.torch;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Writes a trained <see cref="MobileNetV2Classifier"/> as ONNX with our own protobuf classes (TorchSharp has no ONNX
/// export). The graph takes frames as the live loop holds them, uint8 NHWC, and normalises inside: Cast, Sub, Mul,
/// Transpose, then each convolution with its BatchNormalization, Clip(0, 6) for ReLU6, residual Adds, GlobalAveragePool,
/// Flatten and the head's Gemm layers. The output is logits (no softmax or sigmoid); the contract in
/// <c>metadata_props</c> says how to read them.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Name of the graph input: uint8 [N, H, W, 3].</summary>
    public const string InputName = "frame";

    /// <summary>Name of the graph output: float [N, outputs].</summary>
    public const string OutputName = "logits";

    /// <summary>Opset written; 13 takes Clip's bounds as inputs.</summary>
    public const int Opset = 13;

    private const int IrVersion = 8;

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically (temporary file in the same folder, flushed to disk, then
    /// renamed), so a live loop watching the file never reads half of it.
    /// </summary>
    /// <returns>The contract written into the file's metadata.</returns>
    /// <exception cref="ArgumentException">The preprocessing is not float32 NCHW, or the labels do not fit the head.</exception>
    public static ModelContract Export(MobileNetV2Classifier model, OnnxExportOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var contract = ContractFor(model, options);
        var proto = Build(model, options, contract);
        AtomicFile.Write(path, proto.WriteTo);
        return contract;
    }

    private static ModelContract ContractFor(MobileNetV2Classifier model, OnnxExportOptions options)
    {
        var training = options.TrainingPreprocess.Validated();
        if (training.ElementType != TensorElementType.Float32 || training.Layout != TensorLayout.Nchw)
        {
            throw new ArgumentException($"The model was trained on float32 NCHW tensors; the preprocessing given is {training.Describe()}.", nameof(options));
        }

        int outputs = model.Head.Outputs;
        int labels = options.Labels.Count;
        if (outputs == 1 ? labels != 2 : labels != outputs)
        {
            throw new ArgumentException(
                $"The model has {outputs} output{(outputs == 1 ? " (sigmoid), which needs 2 labels" : "s")}; {labels} labels were given.", nameof(options));
        }

        var input = new PreprocessSpec(
            training.Width, training.Height, training.Resize, options.FrameOrder, Normalization.Raw, TensorLayout.Nhwc, TensorElementType.UInt8, training.LetterboxFill);
        return new ModelContract(input, options.Labels, outputs == 1 ? OutputKind.Sigmoid : OutputKind.Logits);
    }

    private static ModelProto Build(MobileNetV2Classifier model, OnnxExportOptions options, ModelContract contract)
    {
        var builder = new OnnxGraphBuilder();
        var training = options.TrainingPreprocess;
        bool reorder = options.FrameOrder != training.ColorOrder;
        builder.Graph.Input.Add(new ValueInfoProto
        {
            Name = InputName,
            Type = OnnxGraphBuilder.TensorType(TensorProto.Types.DataType.Uint8, null, training.Height, training.Width, 3),
        });

        // Normalisation in the frame's channel order, on NHWC where the channel is the last axis (broadcast of [3]).
        var mean = reorder ? training.Normalization.Mean.Reversed() : training.Normalization.Mean;
        var std = reorder ? training.Normalization.Std.Reversed() : training.Normalization.Std;
        string x = builder.Node("Cast", "to_float", [InputName], OnnxGraphBuilder.Int("to", (int)TensorProto.Types.DataType.Float));
        x = builder.Node("Sub", "subtract_mean", [x, builder.Constant("mean", [mean.C0, mean.C1, mean.C2], 3)]);
        x = builder.Node("Mul", "divide_std", [x, builder.Constant("inverse_std", [1f / std.C0, 1f / std.C1, 1f / std.C2], 3)]);
        x = builder.Node("Transpose", "to_nchw", [x], OnnxGraphBuilder.Ints("perm", 0, 3, 1, 2));

        string min = builder.Constant("relu6_min", [0f]);
        string max = builder.Constant("relu6_max", [6f]);
        using (var scope = NewDisposeScope())
        {
            // A frame-order input that differs from the training order is absorbed by permuting the stem's input
            // channels, which costs nothing at run time.
            x = AddFeatures(builder, model, x, min, max, reorder);
            x = builder.Node("GlobalAveragePool", "pool", [x]);
            x = builder.Node("Flatten", "flatten", [x], OnnxGraphBuilder.Int("axis", 1));
            x = AddHead(builder, model, x);
        }

        var logits = builder.Graph.Node[^1];
        logits.Output[0] = OutputName;
        builder.Graph.Output.Add(new ValueInfoProto
        {
            Name = OutputName,
            Type = OnnxGraphBuilder.TensorType(TensorProto.Types.DataType.Float, null, model.Head.Outputs),
        });

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "LiveClassify",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = string.Create(CultureInfo.InvariantCulture, $"MobileNetV2 width {model.Architecture.WidthMultiplier}, {contract.Labels.Count} labels; input {InputName} uint8 NHWC, output {OutputName}."),
            Graph = builder.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        AddMetadata(proto, ModelMetadataKeys.Contract, ModelContractJson.Write(contract.ToPartial()));
        AddMetadata(proto, ModelMetadataKeys.Training, options.TrainingJson);
        AddMetadata(proto, ModelMetadataKeys.Dataset, options.DatasetJson);
        AddMetadata(proto, ModelMetadataKeys.Metrics, options.MetricsJson);
        return proto;
    }

    private static string AddFeatures(OnnxGraphBuilder builder, MobileNetV2Classifier model, string x, string min, string max, bool reorder)
    {
        var convolutions = model.Convolutions;
        foreach (var block in model.Architecture.Blocks)
        {
            string blockInput = x;
            foreach (var spec in block.Convolutions)
            {
                var (_, conv, norm) = convolutions[spec.Index];
                float[] weight = Values(conv.weight!);
                if (spec.Index == 0 && reorder)
                {
                    weight = StemChannels.Reversed(weight, spec.WeightShape);
                }

                string name = spec.Name;
                x = builder.Node(
                    "Conv",
                    name,
                    [x, builder.Constant(name + ".weight", weight, spec.WeightShape)],
                    OnnxGraphBuilder.Ints("kernel_shape", spec.Kernel, spec.Kernel),
                    OnnxGraphBuilder.Ints("strides", spec.Stride, spec.Stride),
                    OnnxGraphBuilder.Ints("pads", spec.Padding, spec.Padding, spec.Padding, spec.Padding),
                    OnnxGraphBuilder.Int("group", spec.Groups));
                // BatchNorm as its own node, not folded: ONNX Runtime folds it into the convolution when it loads the
                // model, and a later training run that starts from this file gets the running statistics back.
                string bn = name + ".bn";
                x = builder.Node(
                    "BatchNormalization",
                    bn,
                    [
                        x,
                        builder.Constant(bn + ".scale", Values(norm.weight!), spec.OutChannels),
                        builder.Constant(bn + ".bias", Values(norm.bias!), spec.OutChannels),
                        builder.Constant(bn + ".mean", Values(norm.running_mean!), spec.OutChannels),
                        builder.Constant(bn + ".var", Values(norm.running_var!), spec.OutChannels),
                    ],
                    OnnxGraphBuilder.Float("epsilon", (float)LayerFactory.BatchNormEpsilon));
                if (spec.Relu6)
                {
                    x = builder.Node("Clip", name + ".relu6", [x, min, max]);
                }
            }

            if (block.Residual)
            {
                x = builder.Node("Add", string.Create(CultureInfo.InvariantCulture, $"features.{block.FeatureIndex}.add"), [blockInput, x]);
            }
        }

        return x;
    }

    private static string AddHead(OnnxGraphBuilder builder, MobileNetV2Classifier model, string x)
    {
        var layers = model.Classifier.modules().OfType<TorchSharp.Modules.Linear>().ToList();
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            long[] shape = layer.weight!.shape;
            string name = string.Create(CultureInfo.InvariantCulture, $"classifier.linear{i}");
            x = builder.Node(
                "Gemm",
                name,
                [x, builder.Constant(name + ".weight", Values(layer.weight), shape), builder.Constant(name + ".bias", Values(layer.bias!), shape[0])],
                OnnxGraphBuilder.Int("transB", 1));
            if (i < layers.Count - 1)
            {
                x = builder.Node("Relu", name + ".relu", [x]);
            }
        }

        return x;
    }

    private static float[] Values(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();

    private static void AddMetadata(ModelProto proto, string key, string? value)
    {
        if (value is not null)
        {
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
    }
}
