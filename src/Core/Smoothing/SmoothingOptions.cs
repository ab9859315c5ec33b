namespace LiveClassify.Core.Smoothing;

/// <summary>How a stream of per-frame probabilities becomes a steady label.</summary>
/// <param name="TimeConstant">
/// Time constant τ of the exponential moving average; each update weighs the new frame by 1 - exp(-Δt/τ), so the
/// smoothing is the same at 10 fps and at 60 fps. Zero disables smoothing.
/// </param>
/// <param name="MinimumDwell">How long a new label must stay on top before the shown label changes.</param>
/// <param name="Threshold">Smoothed probability a class needs to be shown; below it the label is unknown.</param>
/// <param name="ClassThresholds">Per-class thresholds by class index, overriding <paramref name="Threshold"/>.</param>
public sealed record SmoothingOptions(
    TimeSpan TimeConstant,
    TimeSpan MinimumDwell,
    float Threshold,
    IReadOnlyDictionary<int, float>? ClassThresholds = null)
{
    /// <summary>0.3 s average, 0.5 s dwell, shown from 50% confidence.</summary>
    public static SmoothingOptions Default { get; } = new(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.5), 0.5f);

    /// <summary>The threshold that applies to <paramref name="classIndex"/>.</summary>
    public float ThresholdFor(int classIndex) =>
        ClassThresholds is not null && ClassThresholds.TryGetValue(classIndex, out float value) ? value : Threshold;

    /// <summary>Throws when a value cannot work (negative times, thresholds outside 0..1).</summary>
    public SmoothingOptions Validated()
    {
        if (TimeConstant < TimeSpan.Zero || MinimumDwell < TimeSpan.Zero)
        {
            throw new ArgumentException($"Smoothing times must not be negative (time constant {TimeConstant}, dwell {MinimumDwell}).");
        }

        // Written as "not inside" so that NaN, which compares false with everything, is refused too.
        if (!IsProbability(Threshold) || (ClassThresholds?.Values.Any(t => !IsProbability(t)) ?? false))
        {
            throw new ArgumentException("Thresholds are probabilities: between 0 and 1.");
        }

        return this;
    }

    private static bool IsProbability(float value) => value is >= 0 and <= 1;
}
