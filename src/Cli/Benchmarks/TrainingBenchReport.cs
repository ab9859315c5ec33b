namespace LiveClassify.Cli.Benchmarks;

/// <summary>The figures of one <c>bench train</c> run; every ratio compares two measurements made in this same process.</summary>
public sealed record TrainingBenchReport
{
    /// <summary>Training images used (the first <c>--per-class</c> of each class).</summary>
    public required int Images { get; init; }

    /// <summary>Classes of the dataset.</summary>
    public required int Classes { get; init; }

    /// <summary>Input side in pixels.</summary>
    public required int Size { get; init; }

    /// <summary>Images per batch.</summary>
    public required int Batch { get; init; }

    /// <summary>MobileNetV2 width multiplier.</summary>
    public required double Width { get; init; }

    /// <summary>Where the starting weights came from.</summary>
    public required string Weights { get; init; }

    /// <summary>Epochs of each plain-loop and fine-tune run (the first a warm-up when more than one).</summary>
    public required int TimedEpochs { get; init; }

    /// <summary>libtorch's intra-op threads.</summary>
    public required int TorchThreads { get; init; }

    /// <summary>How glibc's malloc was set, in words (tuned in this process, or its defaults and GLIBC_TUNABLES).</summary>
    public required string Malloc { get; init; }

    /// <summary>Head-only training: the feature cache against recomputing the backbone.</summary>
    public required HeadOnlyComparison HeadOnly { get; init; }

    /// <summary>One comparison per fine-tune depth measured.</summary>
    public required IReadOnlyList<FineTuneComparison> FineTune { get; init; }
}
