namespace LiveClassify.Core.Diagnostics;

/// <summary>The nearest-rank percentile every timing figure in the program is quoted with.</summary>
public static class NearestRank
{
    /// <summary>
    /// The index, in <paramref name="count"/> samples sorted ascending, of the <paramref name="quantile"/> (0–1):
    /// the smallest sample that at least that share of samples does not exceed.
    /// </summary>
    public static int Index(int count, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Math.Clamp((int)Math.Ceiling(quantile * count) - 1, 0, count - 1);
    }
}
