namespace LiveClassify.Train.Training;

/// <summary>
/// Cosine decay per epoch (Keras's CosineDecay, PyTorch's CosineAnnealingLR without restarts): the first epoch trains
/// at the initial rate, the rate then follows half a cosine down to the minimum, which the epoch after the last would
/// reach. It depends on the epoch alone, unlike a plateau, so it cannot cut the rate early on a noisy validation epoch,
/// and a resumed run follows the same curve.
/// </summary>
internal static class CosineSchedule
{
    /// <summary>The learning rate of <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>.</summary>
    public static double At(int epoch, int epochs, double initial, double minimum)
    {
        double progress = Math.Clamp((epoch - 1) / (double)epochs, 0, 1);
        return minimum + ((initial - minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
