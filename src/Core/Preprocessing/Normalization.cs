namespace LiveClassify.Core.Preprocessing;

/// <summary>
/// Per-channel affine scaling applied to 0–255 pixel values after colour reordering:
/// <c>value = (pixel - Mean[c]) / Std[c]</c>, with channels in the model's order.
/// </summary>
/// <remarks>
/// The named presets are Keras's <c>preprocess_input</c> modes, the names users already know:
/// <c>tf</c> maps to [-1, 1]; <c>torch</c> is x/255 then ImageNet mean/std; <c>caffe</c> is BGR minus the ImageNet
/// means, unscaled; <c>raw</c> leaves pixels as they are. Mean and std are kept in pixel units (0–255) so every
/// preset is one subtraction and one multiplication per value.
/// </remarks>
/// <param name="Preset">"tf", "torch", "caffe", "raw" or "custom".</param>
/// <param name="Mean">Subtracted from each channel's pixel value (0–255 units).</param>
/// <param name="Std">Divides each channel after the mean is subtracted (0–255 units).</param>
public sealed record Normalization(string Preset, ChannelValues Mean, ChannelValues Std)
{
    /// <summary>The names accepted by <see cref="FromPreset"/>.</summary>
    public static readonly IReadOnlyList<string> PresetNames = ["tf", "torch", "caffe", "raw"];

    private static readonly ChannelValues ImageNetMeanRgb = new(0.485f, 0.456f, 0.406f);
    private static readonly ChannelValues ImageNetStdRgb = new(0.229f, 0.224f, 0.225f);
    private static readonly ChannelValues CaffeMeanBgr = new(103.939f, 116.779f, 123.68f);

    /// <summary>x / 127.5 - 1: values in [-1, 1] (MobileNet in Keras, Teachable Machine).</summary>
    public static Normalization Tf { get; } = new("tf", ChannelValues.All(127.5f), ChannelValues.All(127.5f));

    /// <summary>x / 255, then ImageNet mean and std per RGB channel (torchvision).</summary>
    public static Normalization Torch { get; } = new("torch", ImageNetMeanRgb.Scale(255f), ImageNetStdRgb.Scale(255f));

    /// <summary>BGR pixels minus the ImageNet channel means, not scaled (Keras caffe mode: VGG, ResNet50).</summary>
    public static Normalization Caffe { get; } = new("caffe", CaffeMeanBgr, ChannelValues.All(1f));

    /// <summary>Pixels unchanged: 0–255 (models that normalise inside their graph).</summary>
    public static Normalization Raw { get; } = new("raw", ChannelValues.All(0f), ChannelValues.All(1f));

    /// <summary>Whether this leaves pixel values unchanged.</summary>
    public bool IsIdentity => Mean == ChannelValues.All(0f) && Std == ChannelValues.All(1f);

    /// <summary>The colour order a preset implies: BGR for caffe, RGB for the rest.</summary>
    public ColorOrder ImpliedColorOrder => Preset == "caffe" ? ColorOrder.Bgr : ColorOrder.Rgb;

    /// <summary>A named preset (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="PresetNames"/>.</exception>
    public static Normalization FromPreset(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "tf" => Tf,
        "torch" => Torch,
        "caffe" => Caffe,
        "raw" => Raw,
        _ => throw new ArgumentException($"Unknown preprocessing preset '{name}': use one of {string.Join(", ", PresetNames)}.", nameof(name)),
    };

    /// <summary>
    /// Explicit mean and std given in the 0–1 scale used by torchvision's <c>Normalize</c> (pixel / 255 first).
    /// </summary>
    public static Normalization FromUnitMeanStd(ChannelValues mean, ChannelValues std)
    {
        for (int c = 0; c < 3; c++)
        {
            if (!(std[c] > 0f))
            {
                throw new ArgumentException($"std must be positive on every channel; channel {c} is {std[c]}.", nameof(std));
            }
        }

        return new Normalization("custom", mean.Scale(255f), std.Scale(255f));
    }

    /// <summary>Checks the values can be applied (finite mean, positive std).</summary>
    public void Validate()
    {
        for (int c = 0; c < 3; c++)
        {
            if (!float.IsFinite(Mean[c]) || !(Std[c] > 0f) || !float.IsFinite(Std[c]))
            {
                throw new ArgumentException($"Normalization '{Preset}' has mean {Mean} and std {Std}: means must be finite and stds positive.");
            }
        }
    }
}
