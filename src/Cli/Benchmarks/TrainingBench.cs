using System.Diagnostics;
using System.Globalization;
using LiveClassify.Train.Data;
using LiveClassify.Train.Training;
using TorchSharp;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>
/// <c>bench train</c>: the trainer against <see cref="PlainTorchTraining"/> in one process, on the same images and
/// network. Head-only: the trainer's whole run (feature cache included) against the plain loop's epoch times the
/// epoch count. Fine-tune: one trainer epoch against one plain epoch at the same depth.
/// </summary>
public static class TrainingBench
{
    /// <summary>
    /// Runs every measurement, writing each figure to <paramref name="log"/> as it is known. For each depth the plain
    /// loop runs first, so the trainer never pays libtorch's first-use costs alone.
    /// </summary>
    /// <param name="options">
    /// Dataset, size, batch, width and base weights; <see cref="TrainingOptions.Epochs"/> is the head-only run's
    /// length. Validation, early stopping and the plateau schedule are switched off here.
    /// </param>
    /// <param name="perClass">Images taken from each class (the first in file-name order).</param>
    /// <param name="timedEpochs">Epochs of each plain run and each fine-tune run; with more than one, the first is a warm-up and the rest are averaged.</param>
    /// <param name="depths">Fine-tune depths to compare.</param>
    /// <param name="malloc">How glibc's malloc is set, in words, for the report.</param>
    /// <param name="log">Where the figures go.</param>
    /// <param name="threads">libtorch intra-op threads; 0 keeps its default (one per core).</param>
    /// <exception cref="DirectoryNotFoundException">The dataset folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The dataset cannot be trained on.</exception>
    public static TrainingBenchReport Run(TrainingOptions options, int perClass, int timedEpochs, IReadOnlyList<FineTuneDepth> depths, string malloc, TextWriter log, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(depths);
        ArgumentNullException.ThrowIfNull(log);
        if (perClass < 1)
        {
            throw new ArgumentException($"--per-class {perClass}: take at least one image per class.");
        }

        if (threads < 0)
        {
            throw new ArgumentException($"--threads {threads}: use 0 for libtorch's default or a positive count.");
        }

        if (timedEpochs < 1)
        {
            throw new ArgumentException($"--timed-epochs {timedEpochs}: time at least one epoch.");
        }

        var dataset = TrainingDataset.Open(options.Dataset);
        options = options with
        {
            ValidationSplit = 0,
            ValidationFolder = null,
            EarlyStoppingPatience = 0,
            PlateauPatience = 0,
            CheckpointFolder = null,
            Resume = false,
        };
        options.Validated();
        string subset = Directory.CreateTempSubdirectory("liveclassify-bench-train-").FullName;
        try
        {
            var images = LinkSubset(dataset, perClass, subset);
            options = options with { Dataset = subset };
            int classes = dataset.ClassNames.Count;
            if (threads > 0)
            {
                torch.set_num_threads(threads);
            }

            threads = torch.get_num_threads();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench train: {images.Count} images ({classes} classes, up to {perClass} each) from {dataset.Root}; {options.ImageSize} px, batch {options.BatchSize}, MobileNetV2 width {options.WidthMultiplier}, weights from {options.BaseDescription}"));
            log.WriteLine($"  torch threads {threads} on {Environment.ProcessorCount} cores; malloc {malloc}; {LoadAverage()}");
            log.WriteLine(timedEpochs > 1
                ? $"  plain loop and fine-tune runs: {timedEpochs} epochs each, the first a warm-up, figures the mean of the rest"
                : "  plain loop and fine-tune runs: 1 epoch each, figures include libtorch's warm-up");
            log.WriteLine("  plain loop: images decoded and preprocessed into one tensor before timing; per epoch shuffle, then per batch forward (frozen blocks under no_grad), cross-entropy, backward, Adam step");
            log.WriteLine("  trainer epoch: the batch from its image cache (filled from disk, decoded and preprocessed by OpenCV, in the warm-up epoch) or from disk, then the same step, plus top-1/top-3 counts and a copy of the best weights");

            var headOnly = CompareHeadOnly(options, images, classes, timedEpochs, log);
            var fineTune = depths.Select(depth => CompareFineTune(options with { FineTune = depth }, images, classes, timedEpochs, log)).ToArray();
            // libtorch's threads wait for each other at every operation: other processes on the cores slow it down
            // far more than their share, so the figures mean little unless the machine was otherwise idle.
            log.WriteLine($"  at the end: {LoadAverage()}");
            return new TrainingBenchReport
            {
                Images = images.Count,
                Classes = classes,
                Size = options.ImageSize,
                Batch = options.BatchSize,
                Width = options.WidthMultiplier,
                Weights = options.BaseDescription,
                TimedEpochs = timedEpochs,
                TorchThreads = threads,
                Malloc = malloc,
                HeadOnly = headOnly,
                FineTune = fineTune,
            };
        }
        finally
        {
            // Only links: the dataset's own files stay untouched.
            Directory.Delete(subset, recursive: true);
        }
    }

    private static HeadOnlyComparison CompareHeadOnly(TrainingOptions options, IReadOnlyList<LabeledImage> images, int classes, int timedEpochs, TextWriter log)
    {
        options = options with { FineTune = FineTuneDepth.HeadOnly, FeatureCache = true };
        double plain = TimePlain(options, images, classes, timedEpochs, log);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  head-only, plain loop: {plain:0.000} s per epoch ({images.Count / plain:0} img/s); x {options.Epochs} epochs = {plain * options.Epochs:0.0} s (extrapolated from the epochs measured)"));

        var clock = Stopwatch.StartNew();
        using var result = Trainer.Run(options);
        double ours = clock.Elapsed.TotalSeconds;
        if (!result.UsedFeatureCache)
        {
            throw new InvalidOperationException("The trainer did not use its feature cache for head-only training.");
        }

        var comparison = new HeadOnlyComparison(options.Epochs, images.Count, ours, result.CacheSeconds, result.Epochs.Sum(e => e.Seconds), plain);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  head-only, trainer: {options.Epochs} epochs in {ours:0.0} s ({comparison.OursImagesPerSecond:0} img/s): feature cache {comparison.OursCacheSeconds:0.0} s, epochs {comparison.OursEpochSeconds:0.0} s, other {comparison.OursSetupSeconds:0.0} s (listing and decode-checking the images, building the model, copying the best weights)"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  head-only: plain x{options.Epochs} / trainer = {comparison.Speedup:0.0}x faster through the cache (target >= 5)"));
        return comparison;
    }

    private static FineTuneComparison CompareFineTune(TrainingOptions options, IReadOnlyList<LabeledImage> images, int classes, int timedEpochs, TextWriter log)
    {
        double plain = TimePlain(options, images, classes, timedEpochs, log);
        using var result = Trainer.Run(options with { Epochs = timedEpochs });
        var comparison = new FineTuneComparison(options.FineTune, images.Count, Warm(result.Epochs.Select(e => e.Seconds).ToArray()), plain);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  fine-tune {options.FineTune}: trainer {comparison.OursEpochSeconds:0.000} s per epoch ({comparison.OursImagesPerSecond:0} img/s), plain loop {plain:0.000} s ({comparison.PlainImagesPerSecond:0} img/s): trainer/plain {comparison.Ratio:0.00} (target <= 1.1)"));
        return comparison;
    }

    private static double TimePlain(TrainingOptions options, IReadOnlyList<LabeledImage> images, int classes, int epochs, TextWriter log)
    {
        using var plain = new PlainTorchTraining(options, images, classes);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  plain loop (--fine-tune {options.FineTune}): loading took {plain.LoadSeconds * 1000 / images.Count:0.00} ms per image (read, decode, preprocess: before timing here, in every epoch of the trainer without its cache)"));
        var seconds = new double[epochs];
        for (int e = 0; e < epochs; e++)
        {
            var clock = Stopwatch.StartNew();
            plain.TrainEpoch();
            seconds[e] = clock.Elapsed.TotalSeconds;
        }

        return Warm(seconds);
    }

    private static string LoadAverage()
    {
        const string source = "/proc/loadavg";
        return File.Exists(source)
            ? $"load average {string.Join(' ', File.ReadAllText(source).Split(' ').Take(3))} (1, 5, 15 min)"
            : "load average unknown";
    }

    // The first epoch pays libtorch's one-off costs (thread pool, kernel selection, allocator growth).
    private static double Warm(double[] seconds) => seconds.Length > 1 ? seconds.Skip(1).Average() : seconds[0];

    /// <summary>Links the first <paramref name="perClass"/> images of each class into <paramref name="folder"/>, class by class.</summary>
    private static List<LabeledImage> LinkSubset(TrainingDataset dataset, int perClass, string folder)
    {
        var images = new List<LabeledImage>();
        for (int label = 0; label < dataset.ClassNames.Count; label++)
        {
            string classFolder = Directory.CreateDirectory(Path.Combine(folder, dataset.ClassNames[label])).FullName;
            foreach (var image in dataset.Images.Where(i => i.Label == label).Take(perClass))
            {
                string link = Path.Combine(classFolder, Path.GetFileName(image.Path));
                File.CreateSymbolicLink(link, image.Path);
                images.Add(new LabeledImage(link, label));
            }
        }

        return images;
    }
}
