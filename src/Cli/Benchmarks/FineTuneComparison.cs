using LiveClassify.Train.Training;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>One fine-tune epoch of the trainer against one of the plain loop, at the same depth.</summary>
/// <param name="Depth">What trains.</param>
/// <param name="Images">Training images per epoch.</param>
/// <param name="OursEpochSeconds">The trainer's epoch as it reports it (<see cref="EpochMetrics.Seconds"/>).</param>
/// <param name="PlainEpochSeconds">The plain loop's epoch.</param>
public sealed record FineTuneComparison(FineTuneDepth Depth, int Images, double OursEpochSeconds, double PlainEpochSeconds)
{
    /// <summary>The trainer's epoch over the plain loop's (target: at most 1.1).</summary>
    public double Ratio => OursEpochSeconds / PlainEpochSeconds;

    /// <summary>Training images per second of the trainer.</summary>
    public double OursImagesPerSecond => Images / OursEpochSeconds;

    /// <summary>Training images per second of the plain loop.</summary>
    public double PlainImagesPerSecond => Images / PlainEpochSeconds;
}
