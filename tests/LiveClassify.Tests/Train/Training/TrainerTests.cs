using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using LiveClassify.Train.Data;
using LiveClassify.Train.Model;
using LiveClassify.Train.Training;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Training;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class TrainerTests(FashionMnistFixture data) : IClassFixture<FashionMnistFixture>
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Training_learns_fashion_mnist_far_above_chance_on_held_out_images()
    {
        FashionMnistTests.RequireInstalled();
        // No pretrained weights exist here, and a randomly initialised backbone frozen in inference mode gives features
        // that do not separate the classes (head-only training stays at chance): the whole network trains.
        var options = new TrainingOptions
        {
            Dataset = data.Train,
            ValidationFolder = data.HeldOut,
            ImageSize = 32,
            WidthMultiplier = 0.35,
            Normalization = Normalization.Tf,
            FineTune = FineTuneDepth.All,
            Epochs = 12,
            BatchSize = 8,
            LearningRate = 3e-3,
            EarlyStoppingPatience = 0,
            PlateauPatience = 0,
        };

        using var result = Train(options);

        var best = Assert.IsType<EpochMetrics>(result.Best);
        Assert.False(result.UsedFeatureCache);
        Assert.Equal(60, result.ValidationPredictions.Count);
        // Chance is a third.
        Assert.True(best.ValidationAccuracy > 0.6, $"held-out accuracy {best.ValidationAccuracy:P1}");
        Assert.True(best.ValidationLoss < Math.Log(3), $"held-out loss {best.ValidationLoss}");
    }

    [Fact]
    public void Fine_tuning_n_blocks_changes_exactly_their_parameters_and_leaves_frozen_batchnorm_statistics_alone()
    {
        FashionMnistTests.RequireInstalled();
        var options = Quick(data.Small) with { FineTune = FineTuneDepth.Parse("2"), Epochs = 2 };
        // The trainer seeds torch with the options' seed right before building the model: the same seed here gives
        // the weights it starts from.
        manual_seed(options.Seed);
        using var before = new MobileNetV2Classifier(MobileNetV2Architecture.Create(options.WidthMultiplier), new HeadSpec(3, []));
        var initial = Snapshot(before);

        using var after = Train(options);
        var trained = Snapshot(after.Model);

        // Blocks 16, 17 (the last two inverted residuals), 18 (final conv) and the head train; 0..15 are frozen.
        static bool Trains(string name) => name.StartsWith("features.16.", StringComparison.Ordinal)
            || name.StartsWith("features.17.", StringComparison.Ordinal)
            || name.StartsWith("features.18.", StringComparison.Ordinal)
            || name.StartsWith("classifier.", StringComparison.Ordinal);
        Assert.Equal(initial.Keys.Order(), trained.Keys.Order());
        foreach (var (name, values) in initial)
        {
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                continue;
            }

            if (Trains(name))
            {
                Assert.False(values.SequenceEqual(trained[name]), $"{name} should have changed");
            }
            else
            {
                Assert.True(values.SequenceEqual(trained[name]), $"{name} should be bit-identical");
            }
        }
    }

    [Fact]
    public void The_feature_cache_trains_the_same_head_as_recomputing_the_backbone()
    {
        FashionMnistTests.RequireInstalled();
        var options = Quick(data.Small) with { Augmentation = Augmentation.Parse("flip,rotate=10,color=0.2"), AugmentViews = 2 };

        using var cached = Train(options);
        using var plain = Train(options with { FeatureCache = false });

        Assert.True(cached.UsedFeatureCache);
        Assert.False(plain.UsedFeatureCache);
        var a = Snapshot(cached.Model);
        var b = Snapshot(plain.Model);
        foreach (var (name, values) in a.Where(p => p.Key.StartsWith("classifier.", StringComparison.Ordinal)))
        {
            Assert.Equal(values.Length, b[name].Length);
            Assert.All(values.Zip(b[name]), pair => Assert.InRange(pair.First - pair.Second, -1e-5f, 1e-5f));
        }

        Assert.Equal(cached.Epochs.Select(e => e.TrainLoss), plain.Epochs.Select(e => e.TrainLoss), (x, y) => Math.Abs(x - y) < 1e-4);
    }

    [Fact]
    public void The_image_cache_trains_the_same_network_as_decoding_every_epoch()
    {
        FashionMnistTests.RequireInstalled();
        // Four epochs over two views: epochs 3 and 4 read both views from the cache.
        var options = Quick(data.Small) with { FineTune = FineTuneDepth.Parse("2"), Epochs = 4, Augmentation = Augmentation.Parse("flip,rotate=10"), AugmentViews = 2 };
        var messages = new RecordingMonitor();

        using var cached = Train(options, messages);
        using var decoded = Train(options with { ImageCacheBytes = 0 });

        Assert.Contains(messages.Messages, m => m.StartsWith("Image cache: 2 of 2 training view(s) and the validation images kept", StringComparison.Ordinal));
        var a = Snapshot(cached.Model);
        var b = Snapshot(decoded.Model);
        foreach (var (name, values) in a)
        {
            Assert.All(values.Zip(b[name]), pair => Assert.InRange(pair.First - pair.Second, -1e-5f, 1e-5f));
        }

        Assert.Equal(decoded.Epochs.Select(e => e.ValidationLoss), cached.Epochs.Select(e => e.ValidationLoss), (x, y) => Math.Abs(x - y) < 1e-5);
    }

    [Fact]
    public void An_image_cache_budget_smaller_than_a_view_caches_nothing()
    {
        using var cache = new ImageViewCache(views: 3, images: 10, imageShape: [3, 32, 32], budgetBytes: (10 * 3 * 32 * 32 * sizeof(float)) - 1);

        Assert.Equal(0, cache.CachedViews);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_where_it_stopped()
    {
        FashionMnistTests.RequireInstalled();
        using var folder = new TempFolder();
        var options = Quick(data.Small) with { Epochs = 4, CheckpointFolder = folder.Combine("straight.ckpt") };

        using var straight = Train(options);
        using (Train(options with { Epochs = 2, CheckpointFolder = folder.Combine("split.ckpt") }))
        {
        }

        var monitor = new RecordingMonitor();
        using var resumed = Train(options with { CheckpointFolder = folder.Combine("split.ckpt"), Resume = true }, monitor);

        Assert.Contains(monitor.Messages, m => m.Contains("after epoch 2", StringComparison.Ordinal));
        Assert.Equal([3, 4], monitor.Epochs.Select(e => e.Epoch));
        Assert.Equal([1, 2, 3, 4], resumed.Epochs.Select(e => e.Epoch));
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
        Assert.Equal(straight.Epochs.Select(e => e.TrainLoss), resumed.Epochs.Select(e => e.TrainLoss), (x, y) => Math.Abs(x - y) < 1e-5);
        var a = Snapshot(straight.Model);
        var b = Snapshot(resumed.Model);
        Assert.All(a, pair => Assert.All(pair.Value.Zip(b[pair.Key]), v => Assert.InRange(v.First - v.Second, -1e-5f, 1e-5f)));
    }

    [Fact]
    public void Resuming_with_other_options_is_refused()
    {
        FashionMnistTests.RequireInstalled();
        using var folder = new TempFolder();
        var options = Quick(data.Small) with { Epochs = 1, CheckpointFolder = folder.Path };
        using (Train(options))
        {
        }

        var error = Assert.Throws<InvalidDataException>(() => Train(options with { ImageSize = 48, Resume = true }));

        Assert.Contains("other data or options", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_stops_after_the_current_batch_and_returns_the_best_completed_epoch()
    {
        FashionMnistTests.RequireInstalled();
        using var cancel = new CancellationTokenSource();
        // 28 training images in batches of 8: four batches an epoch; cancel in the second epoch.
        var monitor = new RecordingMonitor(cancel, batches: 6);

        using var result = Trainer.Run(Quick(data.Small) with { Epochs = 5, BatchSize = 8 }, monitor, cancel.Token);

        Assert.Equal(TrainingStop.Cancelled, result.Stop);
        Assert.Equal(1, result.BestEpoch);
        Assert.Single(result.Epochs);
        Assert.Equal(6, monitor.Progress.Count(p => p.Stage == TrainingStage.Training));
    }

    [Fact]
    public void A_cosine_schedule_sets_each_epochs_learning_rate_from_the_epoch_alone()
    {
        FashionMnistTests.RequireInstalled();
        var options = Quick(data.Small) with { Schedule = LearningRateSchedule.Cosine, LearningRate = 1e-3, MinLearningRate = 1e-5 };

        using var result = Train(options);

        // Half a cosine over three epochs: cos(0), cos(π/3), cos(2π/3) scaled into [1e-5, 1e-3], whatever the validation loss did.
        double[] expected = [1e-3, 1e-5 + ((1e-3 - 1e-5) * 0.75), 1e-5 + ((1e-3 - 1e-5) * 0.25)];
        Assert.Equal(expected, result.Epochs.Select(e => e.LearningRate), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_binary_model_has_one_sigmoid_output_and_reports_two_probabilities()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "dark", 10, new OpenCvSharp.Scalar(20, 20, 20));
        DataFolders.WriteClass(folder.Path, "light", 6, new OpenCvSharp.Scalar(230, 230, 230));

        using var result = Train(Quick(folder.Path) with { Binary = true, ValidationSplit = 0.25 });

        Assert.Equal(LiveClassify.Core.Scoring.OutputKind.Sigmoid, result.Output);
        Assert.Equal(1, result.Model.Head.Outputs);
        Assert.All(result.ValidationPredictions, p => Assert.Equal(1f, p.Probabilities.Sum(), 5));
        Assert.Equal([7, 4], result.TrainingCounts);
    }

    private static TrainingResult Train(TrainingOptions options, ITrainingMonitor? monitor = null) =>
        Trainer.Run(options, monitor, TestContext.Current.CancellationToken);

    private static TrainingOptions Quick(string dataset) => new()
    {
        Dataset = dataset,
        ImageSize = 32,
        WidthMultiplier = 0.35,
        Epochs = 3,
        BatchSize = 8,
        ValidationSplit = 0.2,
        EarlyStoppingPatience = 0,
        Normalization = Normalization.Tf,
    };

    private static Dictionary<string, float[]> Snapshot(MobileNetV2Classifier model)
    {
        using var scope = NewDisposeScope();
        return model.state_dict()
            .Where(p => p.Value.dtype == ScalarType.Float32)
            .ToDictionary(p => p.Key, p => p.Value.cpu().data<float>().ToArray());
    }
}
