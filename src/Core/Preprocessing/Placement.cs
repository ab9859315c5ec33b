namespace LiveClassify.Core.Preprocessing;

/// <summary>
/// Where a source frame lands in the model input: the source region that is used (in source pixels, fractional for
/// centre crops) and the destination rectangle it fills (the whole input except in letterbox mode).
/// </summary>
public readonly record struct Placement(
    double SourceX,
    double SourceY,
    double SourceWidth,
    double SourceHeight,
    int DestinationX,
    int DestinationY,
    int DestinationWidth,
    int DestinationHeight)
{
    /// <summary>Computes the placement of a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> frame.</summary>
    public static Placement Compute(PreprocessSpec spec, int sourceWidth, int sourceHeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (sourceWidth <= 0 || sourceHeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceWidth), $"Source size {sourceWidth}x{sourceHeight} is empty.");
        }

        double scaleX = (double)spec.Width / sourceWidth;
        double scaleY = (double)spec.Height / sourceHeight;
        switch (spec.Resize)
        {
            case ResizeMode.Stretch:
                return new Placement(0, 0, sourceWidth, sourceHeight, 0, 0, spec.Width, spec.Height);
            case ResizeMode.Crop:
            {
                double scale = Math.Max(scaleX, scaleY);
                double usedWidth = spec.Width / scale;
                double usedHeight = spec.Height / scale;
                return new Placement(
                    (sourceWidth - usedWidth) / 2, (sourceHeight - usedHeight) / 2, usedWidth, usedHeight, 0, 0, spec.Width, spec.Height);
            }

            case ResizeMode.Letterbox:
            {
                double scale = Math.Min(scaleX, scaleY);
                int width = Math.Clamp((int)Math.Round(sourceWidth * scale), 1, spec.Width);
                int height = Math.Clamp((int)Math.Round(sourceHeight * scale), 1, spec.Height);
                return new Placement(
                    0, 0, sourceWidth, sourceHeight, (spec.Width - width) / 2, (spec.Height - height) / 2, width, height);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Resize, "Unknown resize mode.");
        }
    }
}
