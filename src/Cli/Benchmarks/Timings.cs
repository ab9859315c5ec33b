using System.Diagnostics;
using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>Repeated timings of one operation, in milliseconds, with the percentiles a benchmark quotes.</summary>
public sealed class Timings
{
    private readonly double[] _milliseconds;

    private Timings(double[] milliseconds)
    {
        _milliseconds = milliseconds;
        Array.Sort(_milliseconds);
    }

    /// <summary>Median.</summary>
    public double P50 => Percentile(0.50);

    /// <summary>95th percentile.</summary>
    public double P95 => Percentile(0.95);

    /// <summary>Number of timed runs.</summary>
    public int Count => _milliseconds.Length;

    /// <summary>Times <paramref name="iterations"/> runs of <paramref name="operation"/> after <paramref name="warmUp"/> untimed ones.</summary>
    public static Timings Measure(Action operation, int iterations, int warmUp = 3)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        for (int i = 0; i < warmUp; i++)
        {
            operation();
        }

        var milliseconds = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            operation();
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return new Timings(milliseconds);
    }

    /// <summary>The value below which a fraction <paramref name="q"/> of the runs fall (nearest rank).</summary>
    public double Percentile(double q) => _milliseconds[NearestRank.Index(_milliseconds.Length, q)];
}
