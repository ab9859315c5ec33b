namespace LiveClassify.Train.Data;

/// <summary>
/// One drawn augmentation of one image. Views are drawn ahead of training from the seeded generator, so an image's
/// n-th view is the same whether it is computed once into the feature cache or again every epoch.
/// </summary>
/// <param name="Flip">Mirror left to right.</param>
/// <param name="AngleDegrees">Rotation about the centre, counter-clockwise.</param>
/// <param name="Scale">Zoom factor (above 1 zooms in).</param>
/// <param name="ShiftX">Horizontal shift as a fraction of the width.</param>
/// <param name="ShiftY">Vertical shift as a fraction of the height.</param>
/// <param name="Brightness">Pixel multiplier.</param>
/// <param name="Contrast">Factor applied to the distance from the image's mean grey level.</param>
/// <param name="Saturation">Factor applied to each pixel's distance from its own grey level.</param>
public readonly record struct AugmentationParameters(
    bool Flip,
    double AngleDegrees,
    double Scale,
    double ShiftX,
    double ShiftY,
    float Brightness,
    float Contrast,
    float Saturation)
{
    /// <summary>The identity: the image as decoded.</summary>
    public static AugmentationParameters Identity { get; } = new(false, 0, 1, 0, 0, 1, 1, 1);

    /// <summary>Whether an affine warp is needed.</summary>
    public bool IsGeometric => AngleDegrees != 0 || Scale != 1 || ShiftX != 0 || ShiftY != 0;

    /// <summary>Whether the colours change.</summary>
    public bool IsColor => Brightness != 1 || Contrast != 1 || Saturation != 1;
}
