using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Cli.Live;

/// <summary>
/// Keeps the last few thousand samples of a per-frame figure (prediction age, latency) in a preallocated ring, for
/// the percentiles printed when the loop ends. Recording allocates nothing.
/// </summary>
public sealed class SampleRecorder
{
    private readonly double[] _samples;
    private long _count;

    /// <summary>Creates a recorder remembering the last <paramref name="capacity"/> samples.</summary>
    public SampleRecorder(int capacity = 8192) => _samples = new double[capacity];

    /// <summary>Samples recorded in all.</summary>
    public long Count => _count;

    /// <summary>Adds one sample.</summary>
    public void Add(double value) => _samples[_count++ % _samples.Length] = value;

    /// <summary>The nearest-rank percentile <paramref name="q"/> of the remembered samples (NaN when empty).</summary>
    public double Percentile(double q)
    {
        int n = (int)Math.Min(_count, _samples.Length);
        if (n == 0)
        {
            return double.NaN;
        }

        var sorted = _samples[..n];
        Array.Sort(sorted);
        return sorted[NearestRank.Index(n, q)];
    }
}
