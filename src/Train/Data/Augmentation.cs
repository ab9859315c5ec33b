using System.Globalization;

namespace LiveClassify.Train.Data;

/// <summary>
/// Which random changes training images get (never validation images): the <c>--augment</c> list, for example
/// <c>flip,rotate=15,zoom=0.1,shift=0.1,color=0.2</c>, after Keras's preprocessing layers (RandomFlip, RandomRotation,
/// RandomZoom, RandomTranslation) and torchvision's ColorJitter.
/// </summary>
/// <param name="Flip">Mirror left to right with probability one half.</param>
/// <param name="RotateDegrees">Largest rotation either way, in degrees.</param>
/// <param name="Zoom">Largest zoom in or out, as a fraction (0.1: scale 0.9 to 1.1).</param>
/// <param name="Shift">Largest shift either way, as a fraction of width and height.</param>
/// <param name="Color">Largest brightness, contrast and saturation change, as a fraction.</param>
public sealed record Augmentation(bool Flip, double RotateDegrees, double Zoom, double Shift, double Color)
{
    /// <summary>No augmentation.</summary>
    public static Augmentation None { get; } = new(false, 0, 0, 0, 0);

    /// <summary>Whether nothing changes.</summary>
    public bool IsNone => this == None;

    /// <summary>Parses the <c>--augment</c> list; empty or "none" gives <see cref="None"/>.</summary>
    /// <exception cref="FormatException">An unknown name, a missing or unusable value, or a name given twice.</exception>
    public static Augmentation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        var result = None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string name = (equals < 0 ? item : item[..equals]).Trim().ToLowerInvariant();
            string? value = equals < 0 ? null : item[(equals + 1)..].Trim();
            if (!seen.Add(name))
            {
                throw new FormatException($"--augment '{text}' names '{name}' twice.");
            }

            result = name switch
            {
                "flip" when value is null => result with { Flip = true },
                "flip" => throw new FormatException($"--augment 'flip' takes no value (got '{item}')."),
                "rotate" => result with { RotateDegrees = Number(name, value, 180, "degrees") },
                "zoom" => result with { Zoom = Number(name, value, 0.9, "a fraction") },
                "shift" => result with { Shift = Number(name, value, 0.5, "a fraction of the size") },
                "color" => result with { Color = Number(name, value, 1, "a fraction") },
                _ => throw new FormatException(
                    $"--augment '{text}': unknown augmentation '{name}'; use flip, rotate=DEGREES, zoom=F, shift=F, color=F."),
            };
        }

        return result;
    }

    /// <summary>
    /// Draws one view's parameters. Always consumes the same number of values from <paramref name="random"/>, so
    /// turning one augmentation on or off does not change the draws of the others.
    /// </summary>
    public AugmentationParameters Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        bool flip = random.NextDouble() < 0.5;
        double angle = Symmetric(random, RotateDegrees);
        double scale = 1 + Symmetric(random, Zoom);
        double shiftX = Symmetric(random, Shift);
        double shiftY = Symmetric(random, Shift);
        float brightness = 1 + (float)Symmetric(random, Color);
        float contrast = 1 + (float)Symmetric(random, Color);
        float saturation = 1 + (float)Symmetric(random, Color);
        return new AugmentationParameters(Flip && flip, angle, scale, shiftX, shiftY, brightness, contrast, saturation);
    }

    /// <summary>The list in <c>--augment</c> syntax ("none" when empty).</summary>
    public override string ToString()
    {
        if (IsNone)
        {
            return "none";
        }

        var parts = new List<string>();
        if (Flip)
        {
            parts.Add("flip");
        }

        Add("rotate", RotateDegrees);
        Add("zoom", Zoom);
        Add("shift", Shift);
        Add("color", Color);
        return string.Join(',', parts);

        void Add(string name, double value)
        {
            if (value != 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
            }
        }
    }

    private static double Symmetric(Random random, double limit) => ((random.NextDouble() * 2) - 1) * limit;

    private static double Number(string name, string? value, double max, string unit)
    {
        if (value is null)
        {
            throw new FormatException($"--augment '{name}' needs a value, for example {name}=0.1 ({unit}).");
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !(number >= 0 && number <= max))
        {
            throw new FormatException($"--augment {name}={value}: expected a number from 0 to {max.ToString(CultureInfo.InvariantCulture)} ({unit}).");
        }

        return number;
    }
}
