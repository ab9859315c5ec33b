using System.Text.Json;
using LiveClassify.Core.Predictions;

namespace LiveClassify.Cli.Output;

/// <summary>Scores in every command's JSON: an array of <c>{ "label": …, "score": … }</c> pairs, best first.</summary>
public static class ScoreJson
{
    /// <summary>Writes <paramref name="scores"/> as the array property <paramref name="name"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string name, IEnumerable<ScoredLabel> scores)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(scores);
        writer.WriteStartArray(name);
        foreach (var scored in scores)
        {
            writer.WriteStartObject();
            writer.WriteString("label", scored.Label);
            writer.WriteNumber("score", Math.Round(scored.Score, 6));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
