using System.Globalization;

namespace LiveClassify.Core.Preprocessing;

/// <summary>One value per colour channel, in the model's channel order.</summary>
public readonly record struct ChannelValues(float C0, float C1, float C2)
{
    /// <summary>The value for channel 0, 1 or 2.</summary>
    public float this[int channel] => channel switch
    {
        0 => C0,
        1 => C1,
        2 => C2,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "A colour frame has channels 0, 1 and 2."),
    };

    /// <summary>The same value on every channel.</summary>
    public static ChannelValues All(float value) => new(value, value, value);

    /// <summary>Each value multiplied by a factor.</summary>
    public ChannelValues Scale(float factor) => new(C0 * factor, C1 * factor, C2 * factor);

    /// <summary>The values in reverse channel order (RGB ↔ BGR).</summary>
    public ChannelValues Reversed() => new(C2, C1, C0);

    /// <summary>Parses "a,b,c" (invariant culture); a single value applies to all three channels.</summary>
    public static ChannelValues Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                throw new FormatException($"'{text}' is not a list of numbers: expected 'a,b,c' or one number.");
            }
        }

        return values.Length switch
        {
            1 => All(values[0]),
            3 => new ChannelValues(values[0], values[1], values[2]),
            _ => throw new FormatException($"'{text}' has {values.Length} values: expected one per channel (3) or one for all."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{C0},{C1},{C2}");
}
