using System.Text.Json;
using System.Text.Json.Nodes;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Core.Models;

/// <summary>
/// The JSON form of a (partial) model contract, shared by model metadata and sidecar files:
/// <code>
/// {
///   "preprocess": { "width": 224, "height": 224, "resize": "crop", "color_order": "rgb",
///                   "normalization": "torch" | { "mean": [..], "std": [..] },
///                   "layout": "nchw", "dtype": "float32", "letterbox_fill": 0 },
///   "labels": ["cat", "dog"],
///   "output": "logits" | "probabilities" | "sigmoid"
/// }
/// </code>
/// Every field is optional when reading. A named normalization uses the preset's values; explicit mean and std are in
/// the 0–1 scale of torchvision's Normalize (pixel / 255 first), and the name is written alongside for reference.
/// </summary>
public static class ModelContractJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the set fields of a contract.</summary>
    public static string Write(PartialModelContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var preprocess = new JsonObject();
        AddIfSet(preprocess, "width", contract.Width);
        AddIfSet(preprocess, "height", contract.Height);
        AddIfSet(preprocess, "resize", Name(contract.Resize));
        AddIfSet(preprocess, "color_order", Name(contract.ColorOrder));
        if (contract.Normalization is { } normalization)
        {
            preprocess["normalization"] = new JsonObject
            {
                ["preset"] = normalization.Preset,
                ["mean"] = Unit(normalization.Mean),
                ["std"] = Unit(normalization.Std),
            };
        }

        AddIfSet(preprocess, "layout", Name(contract.Layout));
        AddIfSet(preprocess, "dtype", Name(contract.ElementType));
        AddIfSet(preprocess, "letterbox_fill", contract.LetterboxFill);

        var root = new JsonObject();
        if (preprocess.Count > 0)
        {
            root["preprocess"] = preprocess;
        }

        if (contract.Labels is { } labels)
        {
            root["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]);
        }

        AddIfSet(root, "output", Name(contract.Output));
        return root.ToJsonString(Indented);
    }

    /// <summary>Reads a contract; <paramref name="source"/> names the file or model in error messages.</summary>
    /// <exception cref="InvalidDataException">
    /// The JSON is malformed or a field has a value that is not understood; the message names the source and the field.
    /// </exception>
    public static PartialModelContract Read(string json, string source)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the model contract is not valid JSON ({e.Message}).", e);
        }

        if (parsed is not JsonObject root)
        {
            throw new InvalidDataException($"{source}: the model contract must be a JSON object.");
        }

        var preprocess = Field(source, "preprocess", () => root["preprocess"] switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw new FormatException("must be an object"),
        });
        return new PartialModelContract
        {
            Width = Field(source, "preprocess.width", () => preprocess["width"]?.GetValue<int>()),
            Height = Field(source, "preprocess.height", () => preprocess["height"]?.GetValue<int>()),
            Resize = Parse<ResizeMode>(preprocess["resize"], "preprocess.resize", source),
            ColorOrder = Parse<ColorOrder>(preprocess["color_order"], "preprocess.color_order", source),
            Normalization = ReadNormalization(preprocess["normalization"], source),
            Layout = Parse<TensorLayout>(preprocess["layout"], "preprocess.layout", source),
            ElementType = Parse<TensorElementType>(preprocess["dtype"], "preprocess.dtype", source),
            LetterboxFill = Field(source, "preprocess.letterbox_fill", () => preprocess["letterbox_fill"]?.GetValue<byte>()),
            Labels = Field(source, "labels", () => root["labels"] switch
            {
                null => null,
                JsonArray labels => (IReadOnlyList<string>)[.. labels.Select(l => l?.GetValue<string>() ?? throw new FormatException("must not contain null"))],
                _ => throw new FormatException("must be an array of strings"),
            }),
            Output = Parse<OutputKind>(root["output"], "output", source),
        };
    }

    /// <summary>Reads one field, turning any failure into an error that names the source and the field.</summary>
    private static T Field<T>(string source, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{source}: {field} is not valid ({e.Message}).", e);
        }
    }

    private static Normalization? ReadNormalization(JsonNode? node, string source) =>
        Field(source, "preprocess.normalization", () => ReadNormalizationUnchecked(node, source));

    private static Normalization? ReadNormalizationUnchecked(JsonNode? node, string source)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return Normalization.FromPreset(value.GetValue<string>());
            case JsonObject obj:
                string? preset = obj["preset"]?.GetValue<string>();
                if (obj["mean"] is null && obj["std"] is null && preset is not null)
                {
                    return Normalization.FromPreset(preset);
                }

                var mean = ReadTriple(obj["mean"], "mean", source);
                var std = ReadTriple(obj["std"], "std", source);
                var custom = Normalization.FromUnitMeanStd(mean, std);
                // The values written for a preset are rounded through the 0–1 scale: map them back to the preset
                // exactly, unless someone edited them, in which case they are custom values.
                return preset is not null && Normalization.PresetNames.Contains(preset) && Close(custom, Normalization.FromPreset(preset))
                    ? Normalization.FromPreset(preset)
                    : custom;
            default:
                throw new InvalidDataException($"{source}: preprocess.normalization must be a preset name or an object with mean and std.");
        }
    }

    private static bool Close(Normalization a, Normalization b)
    {
        for (int c = 0; c < 3; c++)
        {
            if (Math.Abs(a.Mean[c] - b.Mean[c]) > 1e-3f || Math.Abs(a.Std[c] - b.Std[c]) > 1e-3f)
            {
                return false;
            }
        }

        return true;
    }

    private static ChannelValues ReadTriple(JsonNode? node, string name, string source)
    {
        if (node is not JsonArray { Count: 3 } array)
        {
            throw new InvalidDataException($"{source}: preprocess.normalization.{name} must be an array of 3 numbers.");
        }

        return Field(
            source,
            $"preprocess.normalization.{name}",
            () => new ChannelValues(Number(array[0]), Number(array[1]), Number(array[2])));

        static float Number(JsonNode? node) => (node ?? throw new FormatException("must hold numbers, not null")).GetValue<float>();
    }

    private static T? Parse<T>(JsonNode? node, string field, string source)
        where T : struct, Enum
    {
        if (node is null)
        {
            return null;
        }

        string text = Field(source, field, node.GetValue<string>);
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0]))
        {
            return value;
        }

        throw new InvalidDataException(
            $"{source}: {field} is '{text}'; expected one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }

    private static JsonArray Unit(ChannelValues values) =>
        [JsonValue.Create(values.C0 / 255f), JsonValue.Create(values.C1 / 255f), JsonValue.Create(values.C2 / 255f)];

    private static string? Name<T>(T? value)
        where T : struct, Enum => value?.ToString().ToLowerInvariant();

    private static void AddIfSet<T>(JsonObject target, string key, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            target[key] = JsonValue.Create(set);
        }
    }

    private static void AddIfSet(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
