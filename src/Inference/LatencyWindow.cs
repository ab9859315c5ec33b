using System.Diagnostics;
using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Inference;

/// <summary>The last few hundred durations of one step, for medians without allocating per sample.</summary>
/// <remarks>Not thread-safe: the classifier's thread adds and reads.</remarks>
internal sealed class LatencyWindow
{
    private readonly long[] _samples = new long[256];
    private readonly long[] _sorted = new long[256];
    private long _count;

    public long Count => _count;

    public void Add(long stopwatchTicks)
    {
        _samples[_count % _samples.Length] = stopwatchTicks;
        _count++;
    }

    public void Clear() => _count = 0;

    /// <summary>The <paramref name="quantile"/> (0–1) of the samples held, zero when there are none.</summary>
    public TimeSpan Percentile(double quantile)
    {
        int held = (int)Math.Min(_count, _samples.Length);
        if (held == 0)
        {
            return TimeSpan.Zero;
        }

        Array.Copy(_samples, _sorted, held);
        Array.Sort(_sorted, 0, held);
        return Stopwatch.GetElapsedTime(0, _sorted[NearestRank.Index(held, quantile)]);
    }
}
