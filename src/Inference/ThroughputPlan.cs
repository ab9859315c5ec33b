using LiveClassify.Inference.Providers;

namespace LiveClassify.Inference;

/// <summary>
/// How a throughput job (batch labelling) spreads inference: how many sessions classify at once and how many frames
/// each run takes.
/// </summary>
/// <param name="Workers">Sessions classifying at once, each on its own thread.</param>
/// <param name="Batch">Frames per ONNX Runtime run.</param>
public sealed record ThroughputPlan(int Workers, int Batch)
{
    /// <summary>The batch a GPU gets when none is asked for: large enough to keep the device busy between runs.</summary>
    public const int GpuBatch = 32;

    /// <summary>
    /// Fills in what the user left at 0. On the CPU: one worker per core, one frame per run. Splitting each operator
    /// over the cores costs synchronisation, and a batch's activations outgrow the core's cache, so one single-threaded
    /// session per core running single frames classifies the most images per second (docs/benchmarks.md). On CUDA:
    /// one session, batches of <see cref="GpuBatch"/>.
    /// </summary>
    public static ThroughputPlan Resolve(bool onGpu, int cores, int workers, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        return new ThroughputPlan(
            workers > 0 ? workers : onGpu ? 1 : cores,
            batch > 0 ? batch : onGpu ? GpuBatch : 1);
    }

    /// <summary>
    /// <see cref="Resolve"/> for this machine: its core count, and whether <paramref name="provider"/> would run on CUDA.
    /// </summary>
    /// <exception cref="ExecutionProviderException">CUDA was required and cannot be used.</exception>
    public static ThroughputPlan ForThisMachine(ProviderPreference provider, int workers, int batch) =>
        Resolve(ExecutionProviders.Probe(provider).IsCuda, Environment.ProcessorCount, workers, batch);

    /// <summary>
    /// Intra-op threads for each session: <paramref name="requested"/>, or when that is 0 (one per core) and there are
    /// several workers, an equal share of the cores, so the workers do not oversubscribe them.
    /// </summary>
    public int SessionThreads(int requested) =>
        requested == 0 && Workers > 1 ? Math.Max(1, Environment.ProcessorCount / Workers) : requested;

    /// <summary>For logs: "2 workers, batch 1".</summary>
    public override string ToString() => $"{Workers} worker{(Workers == 1 ? "" : "s")}, batch {Batch}";
}
