using LiveClassify.Cli.Labelling;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class ShardSpecTests
{
    private static readonly string[] Inputs =
        [.. Enumerable.Range(0, 500).Select(i => $"footage/day{i % 7}/clip{i:D4}.mp4")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void Every_input_belongs_to_exactly_one_shard(int count)
    {
        var shards = Enumerable.Range(0, count).Select(i => new ShardSpec(i, count)).ToList();

        foreach (string input in Inputs)
        {
            Assert.Equal(1, shards.Count(shard => shard.Owns(input)));
        }
    }

    [Fact]
    public void Shards_share_the_work_roughly_evenly()
    {
        var sizes = Enumerable.Range(0, 4).Select(i => Inputs.Count(new ShardSpec(i, 4).Owns)).ToList();

        Assert.All(sizes, size => Assert.InRange(size, 90, 160));
    }

    [Fact]
    public void The_hash_is_fixed_across_runs_and_machines()
    {
        // A stored value: if the hash ever changed, shards of one job run by two versions would overlap.
        Assert.Equal(0x05C4337CCEF9ABFFUL, ShardSpec.StableHash("clip.mp4"));
        Assert.Equal(ShardSpec.StableHash("footage/a.mp4"), ShardSpec.StableHash("footage/a.mp4"));
        Assert.NotEqual(ShardSpec.StableHash("footage/a.mp4"), ShardSpec.StableHash("footage/b.mp4"));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parses_i_slash_n(string text, int index, int count) =>
        Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Refuses_malformed_or_out_of_range_shards(string text) =>
        Assert.Throws<FormatException>(() => ShardSpec.Parse(text));

    [Fact]
    public void Reads_a_kubernetes_indexed_job()
    {
        var variables = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2", ["LIVECLASSIFY_SHARDS"] = "5" };

        Assert.Equal(new ShardSpec(2, 5), ShardSpec.FromEnvironment(variables.GetValueOrDefault));
    }

    [Fact]
    public void A_kubernetes_index_without_the_count_is_an_error_that_says_what_to_set()
    {
        var variables = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" };

        var error = Assert.Throws<FormatException>(() => ShardSpec.FromEnvironment(variables.GetValueOrDefault));
        Assert.Contains("LIVECLASSIFY_SHARDS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_slurm_array_relative_to_its_first_task()
    {
        var variables = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "8",
        };

        Assert.Equal(new ShardSpec(4, 8), ShardSpec.FromEnvironment(variables.GetValueOrDefault));
    }

    [Fact]
    public void Without_scheduler_variables_one_process_takes_everything() =>
        Assert.Equal(ShardSpec.All, ShardSpec.FromEnvironment(_ => null));
}
