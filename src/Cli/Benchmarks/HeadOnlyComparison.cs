namespace LiveClassify.Cli.Benchmarks;

/// <summary>Head-only training: the trainer's whole run through its feature cache against the plain loop's epochs.</summary>
/// <param name="Epochs">Epochs of the trainer's run; the plain loop's figure is extrapolated to as many.</param>
/// <param name="Images">Training images per epoch.</param>
/// <param name="OursSeconds">Wall time of <c>Trainer.Run</c>, from opening the dataset to the returned model.</param>
/// <param name="OursCacheSeconds">Part of it spent computing the backbone features once.</param>
/// <param name="OursEpochSeconds">Part of it spent in the epochs (the head alone, on cached features).</param>
/// <param name="PlainEpochSeconds">One epoch of the plain loop, which runs the frozen backbone on every batch.</param>
public sealed record HeadOnlyComparison(int Epochs, int Images, double OursSeconds, double OursCacheSeconds, double OursEpochSeconds, double PlainEpochSeconds)
{
    /// <summary>What the trainer spent outside the cache and the epochs: listing and decode-checking the images, building the model, copying the best weights.</summary>
    public double OursSetupSeconds => OursSeconds - OursCacheSeconds - OursEpochSeconds;

    /// <summary>The plain loop's epoch times <see cref="Epochs"/>.</summary>
    public double PlainSeconds => PlainEpochSeconds * Epochs;

    /// <summary>How many times faster the trainer's run is than the plain loop's (target: at least 5).</summary>
    public double Speedup => PlainSeconds / OursSeconds;

    /// <summary>Training images per second over the trainer's whole run.</summary>
    public double OursImagesPerSecond => (double)Images * Epochs / OursSeconds;

    /// <summary>Training images per second of the plain loop.</summary>
    public double PlainImagesPerSecond => Images / PlainEpochSeconds;
}
