using System.Globalization;
using System.Text.Json;

namespace LiveClassify.Core.Labels;

/// <summary>The class names of a model, in output order.</summary>
public sealed class LabelMap
{
    /// <summary>Shown when no class passes its threshold.</summary>
    public const string Unknown = "unknown";

    private readonly string[] _names;

    /// <summary>Creates a map from names in output order; names must be non-empty and distinct.</summary>
    public LabelMap(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        if (_names.Length == 0)
        {
            throw new ArgumentException("A label map needs at least one label.", nameof(names));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Labels must not be empty.", nameof(names));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Label '{name}' appears twice.", nameof(names));
            }
        }
    }

    /// <summary>The names in output order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of classes.</summary>
    public int Count => _names.Length;

    /// <summary>The name of output <paramref name="index"/>, or <see cref="Unknown"/> for -1.</summary>
    public string this[int index] => index == -1 ? Unknown : _names[index];

    /// <summary>The output index of a name, or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(_names, name);

    /// <summary>Names "class_0" … for models that carry none.</summary>
    public static LabelMap Generic(int count) =>
        new(Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"class_{i}")));

    /// <summary>
    /// Reads a labels file: a JSON array of strings, or plain text with one label per line (blank lines ignored).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is neither, or its labels are not valid; the message names the file.</exception>
    public static LabelMap Load(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            if (text.TrimStart().StartsWith('['))
            {
                var names = JsonSerializer.Deserialize<string[]>(text)
                    ?? throw new InvalidDataException($"{path}: the JSON array of labels is null.");
                return new LabelMap(names);
            }

            return new LabelMap(text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a labels file ({e.Message}).", e);
        }
    }
}
