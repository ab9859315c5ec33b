using System.Diagnostics;
using LiveClassify.Train.Data;
using LiveClassify.Train.Model;
using LiveClassify.Train.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>
/// The baseline the trainer is compared with: a textbook TorchSharp loop over images already decoded and preprocessed
/// into one tensor. Per epoch it shuffles, then per batch runs forward, cross-entropy, backward and an Adam step,
/// nothing else. It uses the trainer's own network and freezing rule (<see cref="NetworkPass"/>: frozen blocks under
/// no_grad, their BatchNorm in evaluation mode), so for head-only training it recomputes the frozen backbone on every
/// batch, which is what the trainer's feature cache avoids.
/// </summary>
/// <remarks>Owns the model, the optimiser and the image tensor; dispose it. Use it from one thread.</remarks>
public sealed class PlainTorchTraining : IDisposable
{
    private readonly NetworkPass _pass;
    private readonly TorchSharp.Modules.OptimizerHelper _optimizer;
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly int _batchSize;

    /// <summary>
    /// Builds the network as <see cref="Trainer"/> does for <paramref name="options"/> (architecture, head, seed,
    /// base weights, fine-tune depth, batch size, learning rate) and loads every image of <paramref name="images"/>
    /// into memory. Augmentation, validation, class weights and scheduling options are not used.
    /// </summary>
    /// <exception cref="InvalidDataException">An image does not decode.</exception>
    public PlainTorchTraining(TrainingOptions options, IReadOnlyList<LabeledImage> images, int classCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(images);
        options.Validated();
        _batchSize = options.BatchSize;
        manual_seed(options.Seed);
        Model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(options.WidthMultiplier), new HeadSpec(classCount, options.HeadHidden, options.Dropout));
        try
        {
            options.LoadBaseWeights?.Invoke(Model);
            _pass = new NetworkPass(Model, options.FineTune, binary: false);
            _optimizer = optim.Adam(_pass.TrainedParameters, options.LearningRate);
            RequireDecodable(images);
            var clock = Stopwatch.StartNew();
            (_images, _labels) = Load(options, images);
            LoadSeconds = clock.Elapsed.TotalSeconds;
        }
        catch
        {
            _optimizer?.Dispose();
            Model.Dispose();
            throw;
        }
    }

    /// <summary>The network being trained.</summary>
    public MobileNetV2Classifier Model { get; }

    /// <summary>
    /// Seconds spent reading, decoding and preprocessing every image into memory, once, before training: the work the
    /// trainer repeats every epoch when it cannot use its feature cache.
    /// </summary>
    public double LoadSeconds { get; }

    /// <summary>Images per epoch.</summary>
    public int ImageCount => (int)_labels.shape[0];

    /// <summary>Trains one epoch over every image in a fresh random order.</summary>
    /// <returns>The mean training loss of the epoch.</returns>
    public double TrainEpoch()
    {
        _pass.SetTraining();
        using var epochScope = NewDisposeScope();
        long count = _labels.shape[0];
        var order = randperm(count);
        double lossSum = 0;
        for (long first = 0; first < count; first += _batchSize)
        {
            using var batchScope = NewDisposeScope();
            long size = Math.Min(_batchSize, count - first);
            var indices = order.narrow(0, first, size);
            var logits = _pass.Logits(_images.index_select(0, indices));
            var loss = _pass.Loss(logits, _labels.index_select(0, indices), null);
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
            lossSum += loss.item<float>() * size;
        }

        return lossSum / count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _images.Dispose();
        _labels.Dispose();
        Model.Dispose();
    }

    // As the trainer checks before it starts, so that loading is timed alone and fails only on a file changed since.
    private static void RequireDecodable(IReadOnlyList<LabeledImage> images)
    {
        var problems = new List<string>();
        ImageLoader.KeepDecodable(images, problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(problems[0]);
        }
    }

    // Through the trainer's own batch loader: one [N, 3, H, W] tensor of every image, unaugmented.
    private static (Tensor Images, Tensor Labels) Load(TrainingOptions options, IReadOnlyList<LabeledImage> images)
    {
        int[] all = [.. Enumerable.Range(0, images.Count)];
        var pixels = new ImageBatcher(options.Preprocess, CPU).Load(images, all, _ => AugmentationParameters.Identity);
        try
        {
            return (pixels, tensor(images.Select(image => (long)image.Label).ToArray()));
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }
}
