using LiveClassify.Core.Smoothing;

namespace LiveClassify.Cli.Labelling;

/// <summary>How <c>label</c> processes each input.</summary>
public sealed record LabelJobOptions
{
    /// <summary>Folder the outputs go to.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Format of the per-frame file.</summary>
    public LabelOutputFormat Format { get; init; } = LabelOutputFormat.Csv;

    /// <summary>Labels written per frame.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Classify every Nth frame (1: all); exclusive with <see cref="Fps"/>.</summary>
    public int Every { get; init; } = 1;

    /// <summary>Classify at most this many frames per second of video time; exclusive with <see cref="Every"/>.</summary>
    public double? Fps { get; init; }

    /// <summary>Also write an MP4 with the labels drawn on every frame.</summary>
    public bool Annotate { get; init; }

    /// <summary>Relabel inputs that already have a summary instead of skipping them.</summary>
    public bool Force { get; init; }

    /// <summary>How the segments' smoothed stream is made.</summary>
    public SmoothingOptions Smoothing { get; init; } = SmoothingOptions.Default;

    /// <summary>Which share of the inputs this process takes.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;
}
