using Google.Protobuf;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Runs an imported model and its source file on the same seeded random inputs and measures how far apart they are.
/// ONNX Runtime is asked for the pooled features too: an in-memory copy of the file gets the pooling output as an
/// extra graph output, so the backbone is checked even when the head was not imported. A file that takes uint8 frames
/// gets random frames, and the model the same frames normalised as the trainer will: RGB, with the file's own values.
/// </summary>
internal static class OnnxImportVerifier
{
    private const int DefaultSide = 224;
    private const int DefaultBatch = 2;

    public static ((int Height, int Width) Size, double Features, double? Logits) Compare(
        OnnxBaseModel source, MobileNetV2Classifier model, bool compareLogits, int seed)
    {
        var size = source.InputSize ?? (DefaultSide, DefaultSide);
        int batch = FixedBatch(source.Model) ?? DefaultBatch;
        long[] shape = [batch, 3, size.Height, size.Width];
        float[] input;
        float[] onnxFeatures;
        float[]? onnxLogits;
        if (source.FrameInput is { } frameInput)
        {
            byte[] frames = RandomFrames(batch * size.Height * size.Width * 3, seed);
            using var value = OrtValue.CreateTensorValueFromMemory(frames, [batch, size.Height, size.Width, 3]);
            (onnxFeatures, onnxLogits) = RunOnnx(source, value, compareLogits);
            input = Normalize(frames, frameInput, batch, size.Height * size.Width);
        }
        else
        {
            input = RandomNormal(batch * 3 * size.Height * size.Width, seed);
            using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
            (onnxFeatures, onnxLogits) = RunOnnx(source, value, compareLogits);
        }

        var (torchFeatures, torchLogits) = RunTorch(model, input, shape, compareLogits);
        if (onnxFeatures.Length != torchFeatures.Length)
        {
            throw new InvalidDataException($"{source.Path}: the file pools {onnxFeatures.Length / batch} features per image, the model {torchFeatures.Length / batch}.");
        }

        if (!onnxFeatures.All(float.IsFinite) || !(onnxLogits ?? []).All(float.IsFinite))
        {
            throw new OnnxImportRefusedException(
                $"{source.Path}: import refused: ONNX Runtime computes non-finite values from this file on normal inputs; its weights are damaged.",
                double.PositiveInfinity);
        }

        double? logits = compareLogits ? MaxAbsDiff(onnxLogits!, torchLogits!) : null;
        return (size, MaxAbsDiff(onnxFeatures, torchFeatures), logits);
    }

    private static (float[] Features, float[]? Logits) RunOnnx(OnnxBaseModel source, OrtValue value, bool logits)
    {
        var copy = source.Model.Clone();
        copy.Graph.Output.Add(new ValueInfoProto
        {
            Name = source.Graph.PooledTensor,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(copy.ToByteArray(), options);
        using var runOptions = new RunOptions();
        string[] outputs = logits ? [source.Graph.PooledTensor, source.Graph.HeadOutput!] : [source.Graph.PooledTensor];
        using var results = session.Run(runOptions, [source.Graph.InputName], [value], outputs);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), logits ? results[1].GetTensorDataAsSpan<float>().ToArray() : null);
    }

    private static (float[] Features, float[]? Logits) RunTorch(MobileNetV2Classifier model, float[] input, long[] shape, bool logits)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            // The model may live on the GPU; the comparison happens on the CPU.
            var images = tensor(input, shape).to(model.parameters().First().device);
            var features = model.ExtractFeatures(images);
            float[]? output = logits ? model.ClassifyFeatures(features).cpu().data<float>().ToArray() : null;
            return (features.cpu().data<float>().ToArray(), output);
        }
        finally
        {
            if (wasTraining)
            {
                model.train();
            }
        }
    }

    private static int? FixedBatch(ModelProto model)
    {
        var dims = model.Graph.Input.FirstOrDefault(i => i.Type?.TensorType is not null)?.Type.TensorType.Shape?.Dim;
        return dims is { Count: > 0 } && dims[0].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? (int)dims[0].DimValue
            : null;
    }

    private static byte[] RandomFrames(int count, int seed)
    {
        var frames = new byte[count];
        new Random(seed).NextBytes(frames);
        return frames;
    }

    /// <summary>NHWC frames in the file's channel order to the NCHW RGB tensor the trainer would make of them.</summary>
    private static float[] Normalize(byte[] frames, BaseFrameInput frameInput, int batch, int pixels)
    {
        var normalization = frameInput.Normalization;
        var tensor = new float[frames.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int p = 0; p < pixels; p++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int rgb = frameInput.FrameOrder == ColorOrder.Bgr ? 2 - c : c;
                    float pixel = frames[(((n * pixels) + p) * 3) + c];
                    tensor[(((n * 3) + rgb) * pixels) + p] = (pixel - normalization.Mean[rgb]) / normalization.Std[rgb];
                }
            }
        }

        return tensor;
    }

    private static float[] RandomNormal(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Box–Muller: ImageNet-normalised pixels are roughly standard normal.
            double u = 1.0 - random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    private static double MaxAbsDiff(float[] a, float[] b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = Math.Abs(a[i] - (double)b[i]);
            worst = double.IsNaN(diff) ? double.PositiveInfinity : Math.Max(worst, diff);
        }

        return worst;
    }
}
