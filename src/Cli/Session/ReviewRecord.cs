namespace LiveClassify.Cli.Session;

/// <summary>What the model said about a frame kept for review (the JSON beside its PNG).</summary>
public sealed record ReviewRecord
{
    /// <summary>File name of the model that made the predictions.</summary>
    public required string Model { get; init; }

    /// <summary>The frame's index in its source.</summary>
    public long FrameIndex { get; init; }

    /// <summary>The frame's position in the stream, in seconds.</summary>
    public double StreamSeconds { get; init; }

    /// <summary>The top predictions, best first.</summary>
    public required IReadOnlyList<ReviewScore> Predictions { get; init; }
}
