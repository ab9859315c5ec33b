using LiveClassify.Inference;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>The figures of one <c>bench</c> run; every ratio compares two measurements made in this same run.</summary>
public sealed record BenchReport
{
    public required string Model { get; init; }
    public required string Provider { get; init; }
    public required string Input { get; init; }
    public required int Threads { get; init; }
    public required Timings BareBatch1 { get; init; }
    public required Timings BareBatchN { get; init; }
    public required int BatchN { get; init; }

    /// <summary>Bare images per second with the sessions and batch <c>label</c> uses (<see cref="LabelPlan"/>).</summary>
    public required double BareAtLabelPlanFps { get; init; }
    public required Timings ClassifierBatch1 { get; init; }
    public required Timings Preprocess { get; init; }
    public required string PreprocessFrame { get; init; }
    public required string Source { get; init; }
    public required double DecodeFps { get; init; }
    public required long LabelFrames { get; init; }
    public required double LabelFps { get; init; }
    public required ThroughputPlan LabelPlan { get; init; }
    public required double LabelAllocatedBytesPerFrame { get; init; }

    /// <summary>Bare images per second at <see cref="BatchN"/>.</summary>
    public double BareThroughput => BatchN * 1000 / BareBatchN.P50;

    /// <summary>
    /// The fastest bare inference measured: one session at <see cref="BatchN"/> or the sessions <c>label</c> runs at
    /// once. End-to-end figures are compared with this, so a faster arrangement of inference never flatters them.
    /// </summary>
    public double BestBareFps => Math.Max(BareThroughput, BareAtLabelPlanFps);

    /// <summary>End-to-end <c>label</c> fps over the slower of its two stages measured alone.</summary>
    public double EndToEndRatio => LabelFps / Math.Min(DecodeFps, BestBareFps);

    /// <summary>
    /// <see cref="EndToEndRatio"/> with one session at <see cref="BatchN"/> as the bare figure, as issue 3 defines it;
    /// above <see cref="EndToEndRatio"/> when <c>label</c>'s arrangement of sessions is the faster.
    /// </summary>
    public double EndToEndRatioAtBatchN => LabelFps / Math.Min(DecodeFps, BareThroughput);

    /// <summary>
    /// The best fps the two stages can reach together when they share the machine: each frame costs its decode time
    /// plus its inference time, both measured using the whole machine. Overlap cannot beat this on a CPU that both
    /// stages keep busy; it matters when decoding and inference are of similar cost.
    /// </summary>
    public double SharedMachineBoundFps => 1 / ((1 / DecodeFps) + (1 / BestBareFps));

    /// <summary>End-to-end <c>label</c> fps over <see cref="SharedMachineBoundFps"/>.</summary>
    public double SharedMachineRatio => LabelFps / SharedMachineBoundFps;

    /// <summary>The classifier's own run at batch 1 over the bare run: 1.0 means no overhead.</summary>
    public double ClassifierOverhead => ClassifierBatch1.P50 / BareBatch1.P50;
}
