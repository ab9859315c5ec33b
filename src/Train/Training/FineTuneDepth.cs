using System.Globalization;

namespace LiveClassify.Train.Training;

/// <summary>
/// How much of the backbone trains: <c>--fine-tune 0</c> the head only, <c>N</c> also the last N inverted-residual
/// blocks and the final 1×1 convolution, <c>all</c> everything.
/// </summary>
/// <param name="Blocks">Trained inverted-residual blocks; -1 for all of the network.</param>
public readonly record struct FineTuneDepth(int Blocks)
{
    /// <summary>The head alone; the backbone is frozen.</summary>
    public static FineTuneDepth HeadOnly { get; } = new(0);

    /// <summary>Every layer trains.</summary>
    public static FineTuneDepth All { get; } = new(-1);

    /// <summary>Whether no backbone weight changes (the feature cache can be used).</summary>
    public bool IsBackboneFrozen => Blocks == 0;

    /// <summary>Parses "0", "N" or "all".</summary>
    public static FineTuneDepth Parse(string text)
    {
        if (string.Equals(text?.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int blocks)
            ? new FineTuneDepth(blocks)
            : throw new FormatException($"--fine-tune '{text}': use 0 (head only), a number of inverted-residual blocks, or all.");
    }

    /// <summary>
    /// Index into <c>features</c> of the first trained block for a network of <paramref name="featureBlocks"/> blocks
    /// (stem, <paramref name="invertedResiduals"/> inverted residuals, final convolution); blocks before it are frozen.
    /// Equals <paramref name="featureBlocks"/> when only the head trains.
    /// </summary>
    public int FirstTrainedBlock(int featureBlocks, int invertedResiduals)
    {
        if (Blocks == -1)
        {
            return 0;
        }

        if (Blocks < 0 || Blocks > invertedResiduals)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Blocks), Blocks, $"--fine-tune takes 0 to {invertedResiduals} inverted-residual blocks, or all.");
        }

        // The final 1×1 convolution is the last block and trains with any N > 0.
        return Blocks == 0 ? featureBlocks : featureBlocks - 1 - Blocks;
    }

    /// <summary>"0", "N" or "all".</summary>
    public override string ToString() => Blocks == -1 ? "all" : Blocks.ToString(CultureInfo.InvariantCulture);
}
