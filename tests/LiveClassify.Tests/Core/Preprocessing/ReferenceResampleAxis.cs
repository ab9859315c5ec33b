namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>
/// The resampling taps of the original, straightforward preprocessor: the triangle filter widened by the reduction
/// factor (antialiased bilinear), pixel centres at i + 0.5, weights normalised per output sample. Kept here unchanged
/// as the slow reference that the optimised <c>FramePreprocessor</c> must match.
/// </summary>
internal sealed class ReferenceResampleAxis
{
    public ReferenceResampleAxis(int outputSize, double sourceStart, double sourceLength, int sourceSize)
    {
        double step = sourceLength / outputSize;
        double filterScale = Math.Max(step, 1.0);
        TapsPerSample = (int)Math.Ceiling(filterScale * 2) + 2;
        First = new int[outputSize];
        Count = new int[outputSize];
        Weights = new float[outputSize * TapsPerSample];

        var raw = new double[TapsPerSample];
        for (int i = 0; i < outputSize; i++)
        {
            double centre = sourceStart + ((i + 0.5) * step);
            int low = Math.Max(0, (int)Math.Floor(centre - filterScale));
            int high = Math.Min(sourceSize, (int)Math.Ceiling(centre + filterScale));
            double total = 0;
            int first = -1;
            int last = -1;
            for (int k = low; k < high; k++)
            {
                double weight = Math.Max(0, 1 - (Math.Abs(k + 0.5 - centre) / filterScale));
                if (weight <= 0)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = k;
                }

                last = k;
                raw[k - first] = weight;
                total += weight;
            }

            if (first < 0)
            {
                // The centre lies outside the source (cannot happen for valid placements); use the nearest edge pixel.
                first = Math.Clamp((int)Math.Floor(centre), 0, sourceSize - 1);
                last = first;
                raw[0] = 1;
                total = 1;
            }

            First[i] = first;
            Count[i] = last - first + 1;
            for (int k = 0; k < Count[i]; k++)
            {
                Weights[(i * TapsPerSample) + k] = (float)(raw[k] / total);
            }
        }

        SourceStart = First[0];
        SourceEnd = First[outputSize - 1] + Count[outputSize - 1];
    }

    /// <summary>Stride of <see cref="Weights"/> per output sample.</summary>
    public int TapsPerSample { get; }

    /// <summary>First source index of each output sample.</summary>
    public int[] First { get; }

    /// <summary>Number of source samples of each output sample.</summary>
    public int[] Count { get; }

    /// <summary>Weights, <see cref="TapsPerSample"/> per output sample, each group summing to 1.</summary>
    public float[] Weights { get; }

    /// <summary>Lowest source index any output sample reads.</summary>
    public int SourceStart { get; }

    /// <summary>One past the highest source index any output sample reads.</summary>
    public int SourceEnd { get; }
}
