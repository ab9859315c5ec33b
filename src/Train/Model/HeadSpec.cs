using System.Globalization;

namespace LiveClassify.Train.Model;

/// <summary>
/// The classifier head on top of the pooled features: dropout, optional ReLU dense layers, and the output layer.
/// </summary>
/// <param name="Outputs">Output units: the class count, or 1 for a binary model with a sigmoid unit.</param>
/// <param name="Hidden">Widths of the ReLU dense layers before the output, for example [1024, 512, 256]; empty for the standard head.</param>
/// <param name="Dropout">Dropout probability before the first dense layer (torchvision: 0.2).</param>
public sealed record HeadSpec(int Outputs, IReadOnlyList<int> Hidden, double Dropout = 0.2)
{
    /// <summary>Throws when a value cannot work.</summary>
    public HeadSpec Validated()
    {
        if (Outputs < 1)
        {
            throw new ArgumentException($"A head needs at least one output, not {Outputs}.");
        }

        if (Hidden.Any(w => w < 1))
        {
            throw new ArgumentException("Hidden layer widths must be positive.");
        }

        if (Dropout is < 0 or >= 1)
        {
            throw new ArgumentException($"Dropout must be in [0, 1), not {Dropout}.");
        }

        return this;
    }

    /// <summary>Parses "1024,512,256" (or an empty string) into hidden widths.</summary>
    public static IReadOnlyList<int> ParseHidden(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int width) && width > 0
                    ? width
                    : throw new FormatException($"'{text}' is not a list of layer widths such as 1024,512,256."))];
}
