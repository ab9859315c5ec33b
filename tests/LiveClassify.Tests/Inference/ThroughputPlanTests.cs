using LiveClassify.Inference;

namespace LiveClassify.Tests.Inference;

/// <summary>What a throughput job runs when the user leaves workers and batch to it.</summary>
public sealed class ThroughputPlanTests
{
    [Fact]
    public void On_the_cpu_each_core_gets_a_worker_classifying_one_frame_per_run()
    {
        Assert.Equal(new ThroughputPlan(Workers: 4, Batch: 1), ThroughputPlan.Resolve(onGpu: false, cores: 4, workers: 0, batch: 0));
    }

    [Fact]
    public void On_a_gpu_one_worker_runs_large_batches()
    {
        Assert.Equal(new ThroughputPlan(1, ThroughputPlan.GpuBatch), ThroughputPlan.Resolve(onGpu: true, cores: 4, workers: 0, batch: 0));
    }

    [Fact]
    public void What_the_user_asks_for_is_kept()
    {
        Assert.Equal(new ThroughputPlan(3, 8), ThroughputPlan.Resolve(onGpu: false, cores: 4, workers: 3, batch: 8));
        Assert.Equal(new ThroughputPlan(2, 4), ThroughputPlan.Resolve(onGpu: true, cores: 4, workers: 2, batch: 4));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThroughputPlan.Resolve(false, cores: 2, workers: -1, batch: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThroughputPlan.Resolve(false, cores: 2, workers: 0, batch: -1));
    }

    [Fact]
    public void Several_workers_share_the_cores_unless_threads_are_given()
    {
        var plan = new ThroughputPlan(Environment.ProcessorCount, 1);

        Assert.Equal(1, plan.SessionThreads(requested: 0));
        Assert.Equal(3, plan.SessionThreads(requested: 3));
        Assert.Equal(0, new ThroughputPlan(1, 1).SessionThreads(requested: 0)); // one session: ONNX Runtime's own default
    }

    [Fact]
    public void It_reads_as_workers_and_batch()
    {
        Assert.Equal("2 workers, batch 1", new ThroughputPlan(2, 1).ToString());
        Assert.Equal("1 worker, batch 32", new ThroughputPlan(1, 32).ToString());
    }
}
