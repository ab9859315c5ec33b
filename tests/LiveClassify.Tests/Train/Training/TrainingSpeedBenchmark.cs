using System.Diagnostics;
using System.Globalization;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using LiveClassify.Train.Data;
using LiveClassify.Train.Training;

namespace LiveClassify.Tests.Train.Training;

/// <summary>
/// Training speed on Fashion-MNIST: head-only through the feature cache against the plain loop that recomputes the
/// frozen backbone every epoch, and one fine-tune epoch. Minutes of CPU, so it runs only with
/// LIVECLASSIFY_BENCHMARK=1 (size with LIVECLASSIFY_BENCHMARK_SIZE, images per class with ..._PER_CLASS).
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class TrainingSpeedBenchmark
{
    [Fact]
    public void Head_only_through_the_cache_beats_recomputing_the_backbone()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCHMARK") == "1", "Set LIVECLASSIFY_BENCHMARK=1 to run the training benchmark.");
        FashionMnistTests.RequireInstalled();
        int size = Setting("LIVECLASSIFY_BENCHMARK_SIZE", 96);
        int perClass = Setting("LIVECLASSIFY_BENCHMARK_PER_CLASS", 100);
        using var folder = new TempFolder();
        FashionMnist.WriteClassFolders(FashionMnist.Read(test: false), folder.Path, perClass);
        var options = new TrainingOptions
        {
            Dataset = folder.Path,
            ValidationSplit = 0,
            ImageSize = size,
            BatchSize = 32,
            Normalization = Normalization.Tf,
            EarlyStoppingPatience = 0,
            PlateauPatience = 0,
        };
        int images = perClass * 10;

        var cached = Time(options with { Epochs = 20 }, out var cachedResult);
        var plainEpoch = Time(options with { Epochs = 1, FeatureCache = false }, out _);
        var fineTuneEpoch = Time(options with { Epochs = 1, FineTune = FineTuneDepth.Parse("3") }, out _);

        double plain20 = plainEpoch.TotalSeconds * 20;
        Report($"Fashion-MNIST {images} images at {size} px, MobileNetV2 1.0, batch 32, {Environment.ProcessorCount} cores, torch threads {TorchSharp.torch.get_num_threads()}");
        Report($"head-only 20 epochs through the cache: {cached.TotalSeconds:0.0} s (cache {cachedResult:0.0} s), {images * 20 / cached.TotalSeconds:0} img/s");
        Report($"head-only plain loop: {plainEpoch.TotalSeconds:0.0} s per epoch, {images / plainEpoch.TotalSeconds:0} img/s, 20 epochs ~{plain20:0} s: cache is {plain20 / cached.TotalSeconds:0.0}x faster");
        Report($"fine-tune 3 blocks: one epoch {fineTuneEpoch.TotalSeconds:0.0} s, {images / fineTuneEpoch.TotalSeconds:0} img/s");
        Assert.True(cached.TotalSeconds < plain20, "the cache should beat recomputing the backbone every epoch");
    }

    private static TimeSpan Time(TrainingOptions options, out double cacheSeconds)
    {
        var clock = Stopwatch.StartNew();
        using var result = Trainer.Run(options, null, TestContext.Current.CancellationToken);
        cacheSeconds = result.CacheSeconds;
        return clock.Elapsed;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static void Report(string line)
    {
        Console.Error.WriteLine(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
