using System.Globalization;

namespace LiveClassify.Core.Preprocessing;

/// <summary>
/// The preprocessing contract between a model and every program that feeds it: how a BGR frame becomes the model's
/// input tensor. Training writes it into the exported model; the live loop, <c>label</c> and <c>eval</c> read it
/// back, so they feed the model exactly what it was trained on.
/// </summary>
/// <param name="Width">Input width in pixels.</param>
/// <param name="Height">Input height in pixels.</param>
/// <param name="Resize">How frames of another aspect ratio are fitted.</param>
/// <param name="ColorOrder">Channel order of the tensor.</param>
/// <param name="Normalization">Scaling applied to pixel values (identity for <see cref="TensorElementType.UInt8"/>).</param>
/// <param name="Layout">NCHW or NHWC.</param>
/// <param name="ElementType">float32, or uint8 for models that normalise in their graph.</param>
/// <param name="LetterboxFill">Pixel value (0–255, all channels) of the padding in letterbox mode.</param>
public sealed record PreprocessSpec(
    int Width,
    int Height,
    ResizeMode Resize,
    ColorOrder ColorOrder,
    Normalization Normalization,
    TensorLayout Layout,
    TensorElementType ElementType,
    byte LetterboxFill = 0)
{
    /// <summary>Largest input side accepted.</summary>
    public const int MaxSide = 4096;

    /// <summary>Values per image: width × height × 3.</summary>
    public int ElementsPerImage => Width * Height * 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot work.</summary>
    public PreprocessSpec Validated()
    {
        if (Width is <= 0 or > MaxSide || Height is <= 0 or > MaxSide)
        {
            throw new ArgumentException($"Input size {Width}x{Height} is outside 1..{MaxSide}.");
        }

        ArgumentNullException.ThrowIfNull(Normalization);
        Normalization.Validate();
        if (ElementType == TensorElementType.UInt8 && !Normalization.IsIdentity)
        {
            throw new ArgumentException(
                $"A uint8 input cannot carry normalization '{Normalization.Preset}': a model that takes raw bytes normalises inside its graph (use preset 'raw').");
        }

        return this;
    }

    /// <summary>One line for logs and summaries, for example "224x224 crop rgb torch nchw float32".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Width}x{Height} {Resize.ToString().ToLowerInvariant()} {ColorOrder.ToString().ToLowerInvariant()} {Normalization.Preset} (mean {Normalization.Mean}, std {Normalization.Std}) {Layout.ToString().ToLowerInvariant()} {ElementType.ToString().ToLowerInvariant()}");
}
