using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Core.Models;

/// <summary>
/// A model contract as one source knows it: the model's metadata, a sidecar JSON file, or command-line flags. Unset
/// fields are null; <see cref="OverriddenBy"/> layers sources so that later ones win field by field.
/// </summary>
public sealed record PartialModelContract
{
    /// <summary>Input width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Input height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Resize mode.</summary>
    public ResizeMode? Resize { get; init; }

    /// <summary>Channel order.</summary>
    public ColorOrder? ColorOrder { get; init; }

    /// <summary>Pixel scaling.</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>Tensor layout.</summary>
    public TensorLayout? Layout { get; init; }

    /// <summary>Tensor element type.</summary>
    public TensorElementType? ElementType { get; init; }

    /// <summary>Letterbox padding value.</summary>
    public byte? LetterboxFill { get; init; }

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Meaning of the outputs.</summary>
    public OutputKind? Output { get; init; }

    /// <summary>An empty contract (nothing known).</summary>
    public static PartialModelContract Empty { get; } = new();

    /// <summary>This contract with every field that <paramref name="other"/> sets replaced by its value.</summary>
    public PartialModelContract OverriddenBy(PartialModelContract? other) => other is null ? this : new()
    {
        Width = other.Width ?? Width,
        Height = other.Height ?? Height,
        Resize = other.Resize ?? Resize,
        ColorOrder = other.ColorOrder ?? ColorOrder,
        Normalization = other.Normalization ?? Normalization,
        Layout = other.Layout ?? Layout,
        ElementType = other.ElementType ?? ElementType,
        LetterboxFill = other.LetterboxFill ?? LetterboxFill,
        Labels = other.Labels ?? Labels,
        Output = other.Output ?? Output,
    };
}
