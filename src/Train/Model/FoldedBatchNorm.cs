using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Model;

/// <summary>
/// A BatchNorm standing in for one that an ONNX export folded into its convolution. Loaded as the identity plus the
/// folded bias, it reproduces the file exactly in evaluation mode; but a fine-tuned block runs its BatchNorm on batch
/// statistics, which would normalise away every channel's learnt scale and start training from a different network.
/// <see cref="Recalibrate"/> measures the statistics on training images first, as the original BatchNorm had them.
/// </summary>
public static class FoldedBatchNorm
{
    // 1 - eps makes sqrt(var + eps) exactly 1; a BatchNorm fresh from initialisation has running variance 1.
    private const float IdentityVariance = 1f - (float)LayerFactory.BatchNormEpsilon;

    /// <summary>Sets <paramref name="norm"/> to the identity plus <paramref name="bias"/>: scale 1, mean 0, variance 1 - eps.</summary>
    public static void Load(TorchSharp.Modules.BatchNorm2d norm, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(norm);
        ArgumentNullException.ThrowIfNull(bias);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        norm.weight!.fill_(1f);
        norm.bias!.copy_(tensor(bias));
        norm.running_mean!.zero_();
        norm.running_var!.fill_(IdentityVariance);
    }

    /// <summary>Whether <paramref name="norm"/> is still in the state <see cref="Load"/> leaves.</summary>
    public static bool IsFolded(TorchSharp.Modules.BatchNorm2d norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        using var scope = NewDisposeScope();
        return norm.running_mean!.eq(0f).all().item<bool>()
            && norm.running_var!.eq(IdentityVariance).all().item<bool>()
            && norm.weight!.eq(1f).all().item<bool>();
    }

    /// <summary>
    /// Runs <paramref name="batches"/> through <paramref name="model"/> in evaluation mode, measures the per-channel mean
    /// and variance each of <paramref name="norms"/> receives, and sets running statistics to them and scale and shift
    /// so that the layer's output is unchanged in evaluation mode and, on batches like these, in training mode too.
    /// </summary>
    /// <param name="model">The network the layers belong to.</param>
    /// <param name="norms">The layers to recalibrate.</param>
    /// <param name="batches">Image batches [N, 3, H, W]; each is disposed once measured.</param>
    /// <returns>How many images were measured.</returns>
    public static long Recalibrate(MobileNetV2Classifier model, IReadOnlyList<TorchSharp.Modules.BatchNorm2d> norms, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(norms);
        ArgumentNullException.ThrowIfNull(batches);
        bool wasTraining = model.training;
        var sums = new Tensor[norms.Count];
        var squares = new Tensor[norms.Count];
        var hooks = new List<nn.HookableModule<Func<nn.Module<Tensor, Tensor>, Tensor, Tensor>, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover>();
        var counts = new long[norms.Count];
        long images = 0;
        using var scope = NewDisposeScope();
        try
        {
            model.eval();
            using var noGrad = no_grad();
            for (int i = 0; i < norms.Count; i++)
            {
                int index = i;
                sums[i] = zeros(norms[i].running_mean!.shape[0], ScalarType.Float64, norms[i].running_mean!.device);
                squares[i] = zeros_like(sums[i]);
                hooks.Add(norms[i].register_forward_pre_hook((_, input) =>
                {
                    using var inner = NewDisposeScope();
                    var values = input.to_type(ScalarType.Float64);
                    sums[index].add_(values.sum([0, 2, 3]));
                    squares[index].add_(values.square().sum([0, 2, 3]));
                    counts[index] += input.shape[0] * input.shape[2] * input.shape[3];
                    return input; // measured, not changed
                }));
            }

            foreach (var batch in batches)
            {
                // Each batch goes as soon as it has been measured, not with the whole calibration.
                using (batch)
                using (NewDisposeScope())
                {
                    model.call(batch);
                    images += batch.shape[0];
                }
            }
        }
        finally
        {
            foreach (var hook in hooks)
            {
                hook.remove();
            }

            model.train(wasTraining);
        }

        Apply(norms, sums, squares, counts);
        return images;
    }

    private static void Apply(IReadOnlyList<TorchSharp.Modules.BatchNorm2d> norms, Tensor[] sums, Tensor[] squares, long[] counts)
    {
        if (counts.Contains(0))
        {
            throw new InvalidOperationException("No batch reached one of the BatchNorm layers to recalibrate.");
        }

        using var noGrad = no_grad();
        for (int i = 0; i < norms.Count; i++)
        {
            var norm = norms[i];
            var mean = sums[i] / counts[i];
            var variance = ((squares[i] / counts[i]) - mean.square()).clamp_min(0);
            // In evaluation mode (x - mean) / sqrt(var + eps) * sqrt(var + eps) + (mean + bias) = x + bias, as before.
            var scale = (variance + LayerFactory.BatchNormEpsilon).sqrt();
            norm.bias!.copy_(mean.to_type(ScalarType.Float32) + norm.bias!);
            norm.weight!.copy_(scale.to_type(ScalarType.Float32));
            norm.running_mean!.copy_(mean.to_type(ScalarType.Float32));
            norm.running_var!.copy_(variance.to_type(ScalarType.Float32));
        }
    }
}
