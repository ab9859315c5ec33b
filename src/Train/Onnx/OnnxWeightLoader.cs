using LiveClassify.Train.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Onnx;

/// <summary>Copies found weights into a <see cref="MobileNetV2Classifier"/>'s parameters and BatchNorm buffers.</summary>
internal static class OnnxWeightLoader
{
    /// <summary>
    /// Loads every convolution. When the file keeps a BatchNormalization node, its scale, bias and running statistics
    /// are loaded as they are: the model then holds torchvision's exact state, and a block fine-tuned with BatchNorm
    /// in training mode starts from the right scale. When the file was folded, the statistics are gone: the folded
    /// weight goes into the convolution and the BatchNorm becomes the identity plus the folded bias
    /// (<see cref="FoldedBatchNorm.Load"/>), which gives the same output in inference mode.
    /// </summary>
    public static void LoadConvolutions(IReadOnlyList<FoundConvolution> found, MobileNetV2Classifier model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < found.Count; i++)
        {
            var conv = found[i];
            var (_, target, norm) = model.Convolutions[i];
            const float eps = (float)LayerFactory.BatchNormEpsilon;
            if (conv.Norm is { } bn && bn.Epsilon == eps)
            {
                Set(target.weight!, conv.Weight);
                // A convolution bias before BatchNorm only shifts the mean the BatchNorm subtracts.
                float[] mean = conv.Bias is null ? bn.Mean : [.. bn.Mean.Select((m, c) => m - conv.Bias[c])];
                Set(norm.weight!, bn.Scale);
                Set(norm.bias!, bn.Bias);
                Set(norm.running_mean!, mean);
                Set(norm.running_var!, bn.Variance);
            }
            else
            {
                var (weight, bias) = conv.Norm is { } other
                    ? other.Fold(conv.Weight, conv.Bias)
                    : (conv.Weight, conv.Bias ?? new float[conv.WeightShape[0]]);
                Set(target.weight!, weight);
                FoldedBatchNorm.Load(norm, bias);
            }
        }
    }

    /// <summary>Loads the file's linear layer into the model's output layer.</summary>
    public static void LoadHead(LinearHeadValues head, MobileNetV2Classifier model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var linear = model.Classifier.modules().OfType<TorchSharp.Modules.Linear>().Last();
        Set(linear.weight!, head.Weight);
        Set(linear.bias!, head.Bias);
    }

    private static void Set(Tensor target, float[] values)
    {
        using var source = tensor(values, target.shape);
        target.copy_(source);
    }
}
