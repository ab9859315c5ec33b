using System.Diagnostics;
using System.Globalization;
using LiveClassify.Train.Data;
using LiveClassify.Train.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>One call of <see cref="Trainer.Run"/>: owns the model until it is handed over, the optimiser and the caches.</summary>
internal sealed class TrainingRun : IDisposable
{
    // Enough images for per-channel means and variances to settle; a few seconds on the CPU.
    private const int CalibrationImages = 512;

    private readonly TrainingOptions _options;
    private readonly ITrainingMonitor _monitor;
    private readonly CancellationToken _cancellation;
    private readonly Device _device;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<EpochMetrics> _history = [];
    private IReadOnlyList<string> _classNames = [];
    private IReadOnlyList<LabeledImage> _training = [];
    private IReadOnlyList<LabeledImage> _validation = [];
    private AugmentationParameters[][] _views = [];
    private MobileNetV2Classifier? _model;
    private NetworkPass? _pass;
    private TorchSharp.Modules.OptimizerHelper? _optimizer;
    private ImageBatcher? _batcher;
    private Tensor? _classWeights;
    private Tensor? _trainingFeatures;
    private Tensor? _validationFeatures;
    private ImageViewCache? _trainingImages;
    private ImageViewCache? _validationImages;
    private WeightSnapshot? _best;
    private IReadOnlyList<ValidationPrediction>? _bestPredictions;
    private string _fingerprint = "";
    private bool _modelHandedOver;

    public TrainingRun(TrainingOptions options, ITrainingMonitor monitor, CancellationToken cancellation)
    {
        _options = options;
        _monitor = monitor;
        _cancellation = cancellation;
        if (options.Device == "cuda" && !cuda.is_available())
        {
            throw new ArgumentException("--device cuda: no CUDA device is available to this build (the CPU build of libtorch, or no GPU).");
        }

        _device = new Device(options.Device);
    }

    private MobileNetV2Classifier Model => _model!;

    private NetworkPass Pass => _pass!;

    private TorchSharp.Modules.OptimizerHelper Optimizer => _optimizer!;

    private bool Cached => _trainingFeatures is not null;

    public TrainingResult Execute()
    {
        var skipped = LoadData();
        BuildModel();
        var result = new TrainingResult(Model, _options, _classNames);
        _modelHandedOver = true;
        try
        {
            result.SkippedImages = skipped;
            result.TrainingCounts = TrainingDataset.CountPerClass(_training, _classNames.Count);
            result.ValidationCounts = TrainingDataset.CountPerClass(_validation, _classNames.Count);
            result.DatasetFingerprint = _fingerprint;
            var (state, start) = Resume();
            if (start == 1)
            {
                // A resumed run's checkpoint holds the statistics already.
                RecalibrateFoldedNorms();
            }

            if (_pass!.FirstTrainedBlock == Model.Features.children().Count() && _options.FeatureCache)
            {
                var cacheClock = Stopwatch.StartNew();
                BuildFeatureCache();
                result.CacheSeconds = cacheClock.Elapsed.TotalSeconds;
                result.UsedFeatureCache = true;
            }
            else
            {
                CreateImageCaches();
            }

            (result.Stop, state) = TrainEpochs(start, state);
            if (_best is not null)
            {
                _best.Restore(Model);
            }

            Model.eval();
            result.Epochs = [.. _history];
            result.BestEpoch = state.BestEpoch;
            result.ValidationPredictions = _bestPredictions ?? (_validation.Count > 0 ? Validate().Predictions : []);
            result.Elapsed = _clock.Elapsed;
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_modelHandedOver)
        {
            _model?.Dispose();
        }

        _optimizer?.Dispose();
        _classWeights?.Dispose();
        _trainingFeatures?.Dispose();
        _validationFeatures?.Dispose();
        _trainingImages?.Dispose();
        _validationImages?.Dispose();
        _best?.Dispose();
    }

    private List<string> LoadData()
    {
        var dataset = TrainingDataset.Open(_options.Dataset);
        var split = _options.ValidationFolder is null
            ? DatasetSplit.Stratified(dataset, _options.ValidationSplit, _options.Seed)
            : new DatasetSplit(dataset.Images, dataset.OpenMatching(_options.ValidationFolder).Images);
        _classNames = dataset.ClassNames;
        if (_options.Binary && _classNames.Count != 2)
        {
            throw new ArgumentException($"--binary needs exactly two classes; {dataset.Root} has {_classNames.Count}.");
        }

        var skipped = new List<string>();
        _monitor.Progress(new TrainingProgress(TrainingStage.Checking, 0, _options.Epochs, 0, 1, double.NaN, TimeSpan.Zero));
        _training = ImageLoader.KeepDecodable(split.Training, skipped);
        _validation = ImageLoader.KeepDecodable(split.Validation, skipped);
        foreach (string problem in skipped)
        {
            _monitor.Message($"warning: skipped {problem}");
        }

        if (skipped.Count > 0)
        {
            _monitor.Message($"{skipped.Count} image(s) did not decode and were skipped.");
        }

        var counts = TrainingDataset.CountPerClass(_training, _classNames.Count);
        int missing = Array.IndexOf(counts, 0);
        if (missing >= 0)
        {
            throw new InvalidDataException($"Class '{_classNames[missing]}' has no decodable training image left.");
        }

        _fingerprint = TrainingFingerprints.Dataset(dataset.Root, _training.Concat(_validation));
        var random = new Random(_options.Seed ^ 0x5A17);
        _views = new AugmentationParameters[_options.Views][];
        for (int v = 0; v < _views.Length; v++)
        {
            _views[v] = [.. _training.Select(_ => _options.Augmentation.Draw(random))];
        }

        if (_options.ClassWeights && counts.Distinct().Count() > 1)
        {
            // Inverse frequency, scaled so a balanced dataset would weigh every class 1.
            float[] weights = [.. counts.Select(n => (float)_training.Count / (_classNames.Count * n))];
            _classWeights = tensor(weights).to(_device);
            _monitor.Message($"Class weights for unbalanced folders: {string.Join(", ", weights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)))}.");
        }

        return skipped;
    }

    private void BuildModel()
    {
        manual_seed(_options.Seed);
        var head = new HeadSpec(_options.Binary ? 1 : _classNames.Count, _options.HeadHidden, _options.Dropout);
        _model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(_options.WidthMultiplier), head);
        if (_options.LoadBaseWeights is null)
        {
            _monitor.Message("No --base model: training starts from random initialisation (expect far lower accuracy than from pretrained weights).");
        }
        else
        {
            _options.LoadBaseWeights(_model);
            _monitor.Message($"Backbone weights from {_options.BaseDescription}.");
        }

        _model.to(_device);
        _pass = new NetworkPass(_model, _options.FineTune, _options.Binary);
        var parameters = _pass.TrainedParameters.ToArray();
        _optimizer = _options.Optimizer == OptimizerKind.Adam
            ? optim.Adam(parameters, _options.LearningRate)
            : optim.SGD(parameters, _options.LearningRate, _options.Momentum);
        _batcher = new ImageBatcher(_options.Preprocess, _device);
    }

    /// <summary>
    /// A base exported with BatchNorm folded into its convolutions has lost the statistics that the blocks fine-tuned
    /// here need in training mode; they are measured again on training images (<see cref="FoldedBatchNorm"/>).
    /// </summary>
    private void RecalibrateFoldedNorms()
    {
        var norms = Model.Convolutions.Select(c => c.Norm).Where(n => n.weight!.requires_grad && FoldedBatchNorm.IsFolded(n)).ToList();
        if (norms.Count == 0)
        {
            return;
        }

        var order = Enumerable.Range(0, _training.Count).ToArray();
        new Random(_options.Seed).Shuffle(order);
        var batches = order.Take(CalibrationImages).Chunk(_options.BatchSize)
            .Select(indices => _batcher!.Load(_training, indices, _ => AugmentationParameters.Identity));
        long images = FoldedBatchNorm.Recalibrate(Model, norms, batches);
        _monitor.Message($"The base's BatchNorm was folded into its convolutions: statistics of the {norms.Count} layers that train measured again on {images} training images.");
    }

    private (CheckpointState State, int StartEpoch) Resume()
    {
        var fresh = new CheckpointState(TrainingFingerprints.Run(_fingerprint, _classNames, _options), 0, 0, double.PositiveInfinity, 0, _options.LearningRate, double.PositiveInfinity, 0, []);
        if (!_options.Resume)
        {
            return (fresh, 1);
        }

        string folder = _options.CheckpointFolder!;
        var state = Checkpoint.ReadState(folder);
        if (state is null)
        {
            _monitor.Message($"No checkpoint in {folder}: starting from epoch 1.");
            return (fresh, 1);
        }

        if (state.Fingerprint != fresh.Fingerprint)
        {
            throw new InvalidDataException(
                $"Checkpoint {folder} was written for other data or options; remove it or train without --resume.");
        }

        if (state.BestEpoch > 0)
        {
            Checkpoint.LoadBest(folder, Model);
            _best = new WeightSnapshot(Model);
        }

        Checkpoint.LoadLast(folder, Model, Optimizer);
        SetLearningRate(state.LearningRate);
        _history.AddRange(state.History);
        _monitor.Message($"Resumed from {folder} after epoch {state.Epoch} (best epoch {state.BestEpoch}).");
        return (state, state.Epoch + 1);
    }

    private (TrainingStop Stop, CheckpointState State) TrainEpochs(int start, CheckpointState state)
    {
        var plateau = new PlateauScheduler(_options.PlateauPatience, _options.PlateauFactor, _options.MinLearningRate)
        {
            Best = state.PlateauBest,
            Wait = state.PlateauWait,
        };
        double learningRate = state.LearningRate;
        for (int epoch = start; epoch <= _options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var (trainLoss, trainTop1, trainTop3, cancelled) = TrainEpoch(epoch);
            if (cancelled)
            {
                _monitor.Message($"Cancelled during epoch {epoch}: keeping the best completed epoch ({state.BestEpoch}).");
                return (TrainingStop.Cancelled, state);
            }

            var validation = _validation.Count > 0 ? Validate(epoch) : (Loss: double.NaN, Top1: double.NaN, Top3: double.NaN, Predictions: []);
            var metrics = new EpochMetrics(epoch, trainLoss, trainTop1, trainTop3, validation.Loss, validation.Top1, validation.Top3, learningRate, epochClock.Elapsed.TotalSeconds);
            _history.Add(metrics);
            bool improved = metrics.Monitored < state.BestMonitored;
            if (improved)
            {
                _best?.Dispose();
                _best = new WeightSnapshot(Model);
                _bestPredictions = validation.Predictions;
            }

            int wait = improved ? 0 : state.EarlyStoppingWait + 1;
            learningRate = _options.Schedule == LearningRateSchedule.Cosine
                ? CosineSchedule.At(epoch + 1, _options.Epochs, _options.LearningRate, _options.MinLearningRate)
                : plateau.Step(metrics.Monitored, learningRate);
            SetLearningRate(learningRate);
            state = state with
            {
                Epoch = epoch,
                BestEpoch = improved ? epoch : state.BestEpoch,
                BestMonitored = improved ? metrics.Monitored : state.BestMonitored,
                EarlyStoppingWait = wait,
                LearningRate = learningRate,
                PlateauBest = plateau.Best,
                PlateauWait = plateau.Wait,
                History = [.. _history],
            };
            if (_options.CheckpointFolder is not null)
            {
                Checkpoint.Save(_options.CheckpointFolder, state, Model, Optimizer, improved);
            }

            _monitor.EpochCompleted(metrics);
            if (_options.EarlyStoppingPatience > 0 && wait >= _options.EarlyStoppingPatience)
            {
                _monitor.Message($"Early stopping after epoch {epoch}: no improvement for {wait} epochs; restoring epoch {state.BestEpoch}.");
                return (TrainingStop.EarlyStopped, state);
            }
        }

        return (TrainingStop.Completed, state);
    }

    private (double Loss, double Top1, double Top3, bool Cancelled) TrainEpoch(int epoch)
    {
        // Shuffle and dropout are seeded by epoch, so a resumed run repeats exactly what an uninterrupted one does.
        var order = Enumerable.Range(0, _training.Count).ToArray();
        new Random(unchecked((_options.Seed * 31) + epoch)).Shuffle(order);
        manual_seed(unchecked(_options.Seed + epoch));
        int view = (epoch - 1) % _views.Length;
        Pass.SetTraining();
        int batches = (order.Length + _options.BatchSize - 1) / _options.BatchSize;
        double lossSum = 0;
        long top1 = 0;
        long top3 = 0;
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            var indices = new ArraySegment<int>(order, b * _options.BatchSize, Math.Min(_options.BatchSize, order.Length - (b * _options.BatchSize)));
            using (NewDisposeScope())
            {
                var targets = Targets(_training, indices);
                var logits = Cached
                    ? Pass.LogitsFromFeatures(_trainingFeatures!.index_select(0, tensor(indices.Select(i => (long)((view * _training.Count) + i)).ToArray(), device: _device)))
                    : Pass.Logits(Load(_trainingImages, view, _training, indices, i => _views[view][i]));
                var loss = Pass.Loss(logits, targets, _classWeights);
                Optimizer.zero_grad();
                loss.backward();
                Optimizer.step();
                using var noGrad = no_grad();
                lossSum += loss.item<float>() * indices.Count;
                var (hits1, hits3) = NetworkPass.Hits(Pass.Probabilities(logits), targets);
                top1 += hits1;
                top3 += hits3;
            }

            int done = (b * _options.BatchSize) + indices.Count;
            _monitor.Progress(new TrainingProgress(TrainingStage.Training, epoch, _options.Epochs, b + 1, batches, lossSum / done, Eta(clock, b + 1, batches)));
            if (_cancellation.IsCancellationRequested)
            {
                return (double.NaN, double.NaN, double.NaN, true);
            }
        }

        _trainingImages?.Complete(view);
        return (lossSum / order.Length, (double)top1 / order.Length, (double)top3 / order.Length, false);
    }

    private (double Loss, double Top1, double Top3, IReadOnlyList<ValidationPrediction> Predictions) Validate(int epoch = 0)
    {
        Model.eval();
        int batches = (_validation.Count + _options.BatchSize - 1) / _options.BatchSize;
        var predictions = new List<ValidationPrediction>(_validation.Count);
        double lossSum = 0;
        long top1 = 0;
        long top3 = 0;
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            int first = b * _options.BatchSize;
            var indices = Enumerable.Range(first, Math.Min(_options.BatchSize, _validation.Count - first)).ToArray();
            using (NewDisposeScope())
            using (no_grad())
            {
                var targets = Targets(_validation, indices);
                var logits = Cached
                    ? Pass.LogitsFromFeatures(_validationFeatures!.narrow(0, first, indices.Length))
                    : Pass.Logits(Load(_validationImages, 0, _validation, indices, _ => AugmentationParameters.Identity));
                lossSum += Pass.Loss(logits, targets, null).item<float>() * indices.Length;
                var probabilities = Pass.Probabilities(logits);
                var (hits1, hits3) = NetworkPass.Hits(probabilities, targets);
                top1 += hits1;
                top3 += hits3;
                float[] values = probabilities.cpu().data<float>().ToArray();
                int classes = (int)probabilities.shape[1];
                for (int i = 0; i < indices.Length; i++)
                {
                    var image = _validation[indices[i]];
                    predictions.Add(new ValidationPrediction(image.Path, image.Label, values.AsSpan(i * classes, classes).ToArray()));
                }
            }

            _monitor.Progress(new TrainingProgress(TrainingStage.Validating, epoch, _options.Epochs, b + 1, batches, lossSum / (first + indices.Length), Eta(clock, b + 1, batches)));
        }

        _validationImages?.Complete(0);
        int count = _validation.Count;
        return (lossSum / count, (double)top1 / count, (double)top3 / count, predictions);
    }

    /// <summary>
    /// Caches preprocessed images between epochs as far as the budget allows: the validation images first (every
    /// epoch reads them), then whole training views.
    /// </summary>
    private void CreateImageCaches()
    {
        var spec = _options.Preprocess;
        long[] image = [3, spec.Height, spec.Width];
        _validationImages = new ImageViewCache(1, _validation.Count, image, _options.ImageCacheBytes);
        _trainingImages = new ImageViewCache(_views.Length, _training.Count, image, _options.ImageCacheBytes - _validationImages.CachedBytes);
        long bytes = _trainingImages.CachedBytes + _validationImages.CachedBytes;
        if (bytes > 0)
        {
            _monitor.Message(string.Create(CultureInfo.InvariantCulture,
                $"Image cache: {_trainingImages.CachedViews} of {_views.Length} training view(s){(_validationImages.CachedViews > 0 ? " and the validation images" : "")} kept after their first epoch ({bytes / (1024.0 * 1024):0} MB), so later epochs skip decoding them."));
        }
    }

    /// <summary>A batch of one view of <paramref name="images"/>: from the cache when it holds that view, else from disk (and kept).</summary>
    private Tensor Load(ImageViewCache? cache, int view, IReadOnlyList<LabeledImage> images, IReadOnlyList<int> indices, Func<int, AugmentationParameters> augmentation)
    {
        if (cache?.Read(view, indices, _device) is { } cached)
        {
            return cached;
        }

        var batch = _batcher!.Load(images, indices, augmentation);
        cache?.Write(view, indices, batch);
        return batch;
    }

    private void BuildFeatureCache()
    {
        int channels = Model.Architecture.FeatureChannels;
        int views = _views.Length;
        _monitor.Message(string.Create(CultureInfo.InvariantCulture,
            $"Backbone frozen: computing features of {_training.Count} training images x {views} view(s) and {_validation.Count} validation images once."));
        _trainingFeatures = empty([(long)views * _training.Count, channels], device: _device);
        _validationFeatures = empty([_validation.Count, channels], device: _device);
        Model.eval();
        int batches = (views * ((_training.Count + _options.BatchSize - 1) / _options.BatchSize)) + ((_validation.Count + _options.BatchSize - 1) / _options.BatchSize);
        int batch = 0;
        var clock = Stopwatch.StartNew();
        for (int v = 0; v < views; v++)
        {
            var view = _views[v];
            Fill(_trainingFeatures, (long)v * _training.Count, _training, i => view[i]);
        }

        Fill(_validationFeatures, 0, _validation, _ => AugmentationParameters.Identity);

        void Fill(Tensor cache, long offset, IReadOnlyList<LabeledImage> images, Func<int, AugmentationParameters> augmentation)
        {
            for (int first = 0; first < images.Count; first += _options.BatchSize)
            {
                var indices = Enumerable.Range(first, Math.Min(_options.BatchSize, images.Count - first)).ToArray();
                using (NewDisposeScope())
                using (no_grad())
                {
                    var features = Model.ExtractFeatures(_batcher!.Load(images, indices, augmentation));
                    cache.narrow(0, offset + first, indices.Length).copy_(features);
                }

                batch++;
                _monitor.Progress(new TrainingProgress(TrainingStage.Caching, 0, _options.Epochs, batch, batches, double.NaN, Eta(clock, batch, batches)));
                _cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    private Tensor Targets(IReadOnlyList<LabeledImage> images, IReadOnlyList<int> indices) =>
        tensor(indices.Select(i => (long)images[i].Label).ToArray(), device: _device);

    private void SetLearningRate(double learningRate)
    {
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    private static TimeSpan Eta(Stopwatch clock, int done, int total) =>
        TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (total - done));
}
