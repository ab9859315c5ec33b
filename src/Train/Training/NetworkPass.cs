using LiveClassify.Train.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>
/// The parts of the network that train and those that do not: freezing, train/eval modes, the forward pass with the
/// frozen prefix under no_grad, the loss and the probabilities.
/// </summary>
/// <remarks>
/// Public so that the training benchmark's plain TorchSharp loop freezes and runs the network by the very same rule
/// as <see cref="Trainer"/>. Holds no tensors of its own; the model stays the caller's.
/// </remarks>
public sealed class NetworkPass
{
    private readonly MobileNetV2Classifier _model;
    private readonly nn.Module<Tensor, Tensor>[] _blocks;
    private readonly bool _binary;

    /// <summary>Freezes (requires_grad off) every parameter of the blocks that <paramref name="depth"/> does not train.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More blocks than the network has.</exception>
    public NetworkPass(MobileNetV2Classifier model, FineTuneDepth depth, bool binary)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _binary = binary;
        _blocks = [.. model.Features.children().Cast<nn.Module<Tensor, Tensor>>()];
        FirstTrainedBlock = depth.FirstTrainedBlock(_blocks.Length, model.Architecture.InvertedResidualCount);
        for (int i = 0; i < FirstTrainedBlock; i++)
        {
            foreach (var parameter in _blocks[i].parameters())
            {
                parameter.requires_grad = false;
            }
        }
    }

    /// <summary>Blocks of <c>features</c> before this index are frozen.</summary>
    public int FirstTrainedBlock { get; }

    /// <summary>The parameters the optimiser updates: those left trainable.</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> TrainedParameters => _model.parameters().Where(p => p.requires_grad);

    /// <summary>
    /// Training mode for what trains; frozen blocks back to evaluation mode, so their BatchNorm keeps normalising
    /// with its running statistics and never updates them (the Keras fine-tuning pitfall). Call instead of train().
    /// </summary>
    public void SetTraining()
    {
        _model.train();
        for (int i = 0; i < FirstTrainedBlock; i++)
        {
            _blocks[i].eval();
        }
    }

    /// <summary>Logits of an image batch; the frozen prefix runs without recording gradients.</summary>
    public Tensor Logits(Tensor images)
    {
        var x = images;
        if (FirstTrainedBlock > 0)
        {
            using var noGrad = no_grad();
            for (int i = 0; i < FirstTrainedBlock; i++)
            {
                x = _blocks[i].call(x);
            }
        }

        for (int i = FirstTrainedBlock; i < _blocks.Length; i++)
        {
            x = _blocks[i].call(x);
        }

        return _model.ClassifyFeatures(nn.functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1));
    }

    /// <summary>Logits from cached pooled features: the head alone.</summary>
    public Tensor LogitsFromFeatures(Tensor features) => _model.ClassifyFeatures(features);

    /// <summary>Mean loss; <paramref name="classWeights"/> (one per class) scale each image's term.</summary>
    public Tensor Loss(Tensor logits, Tensor targets, Tensor? classWeights)
    {
        if (_binary)
        {
            var sampleWeights = classWeights?.index_select(0, targets);
            return nn.functional.binary_cross_entropy_with_logits(logits.squeeze(1), targets.to_type(ScalarType.Float32), sampleWeights);
        }

        return nn.functional.cross_entropy(logits, targets, classWeights);
    }

    /// <summary>[N, classes] probabilities (a binary model's one logit becomes 1 - p, p).</summary>
    public Tensor Probabilities(Tensor logits)
    {
        if (!_binary)
        {
            return nn.functional.softmax(logits, 1);
        }

        var p = logits.sigmoid();
        return cat([1 - p, p], 1);
    }

    /// <summary>How many rows have the target as the top class, and among the top three.</summary>
    public static (long Top1, long Top3) Hits(Tensor probabilities, Tensor targets)
    {
        long top1 = probabilities.argmax(1).eq(targets).sum().item<long>();
        int k = (int)Math.Min(3, probabilities.shape[1]);
        var (_, indices) = probabilities.topk(k, 1);
        long top3 = indices.eq(targets.unsqueeze(1)).any(1).sum().item<long>();
        return (top1, top3);
    }
}
