using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveClassify.Cli.Labelling;

/// <summary>What labelling one input did, written as <c>NAME.summary.json</c> once every other output is complete.</summary>
public sealed record LabelSummary
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Input { get; init; }
    public required long FramesRead { get; init; }
    public required long FramesClassified { get; init; }
    public required long DecodeErrors { get; init; }
    public required bool Truncated { get; init; }
    public long? ExpectedFrames { get; init; }
    public required double DurationS { get; init; }
    public required double ProcessingFps { get; init; }
    public required double ElapsedS { get; init; }
    public required string Model { get; init; }
    public required string Provider { get; init; }
    public required string Preprocessing { get; init; }

    /// <summary>Model sessions that classified at once (summaries written before they existed read as 1).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Frames per inference run.</summary>
    public int Batch { get; init; } = 1;

    public required int Segments { get; init; }
    public required string FramesFile { get; init; }
    public required string SegmentsFile { get; init; }
    public string? AnnotatedFile { get; init; }
    public required string Shard { get; init; }

    /// <summary>The summary as indented snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a summary written by <see cref="ToJson"/>.</summary>
    public static LabelSummary FromJson(string json) =>
        JsonSerializer.Deserialize<LabelSummary>(json, JsonOptions) ?? throw new JsonException("The summary is null.");
}
