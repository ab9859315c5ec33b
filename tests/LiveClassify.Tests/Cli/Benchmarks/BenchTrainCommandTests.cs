using System.Text.Json;
using LiveClassify.Tests.Cli.Session;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using OpenCvSharp;

namespace LiveClassify.Tests.Cli.Benchmarks;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class BenchTrainCommandTests
{
    [Fact]
    public void Bench_train_prints_every_figure_and_exits_zero()
    {
        using var folder = DarkAndLight(perClass: 5);

        var (exitCode, output, error) = CliRunner.Run(
            "bench", "train", folder.Path, "--per-class", "4", "--size", "32", "--width", "0.35", "--batch", "4",
            "--epochs", "2", "--timed-epochs", "1", "--threads", "1", "--malloc", "default");

        Assert.True(exitCode == 0, error);
        Assert.Contains("8 images (2 classes, up to 4 each)", output, StringComparison.Ordinal);
        Assert.Contains("torch threads 1 on ", output, StringComparison.Ordinal);
        // Another test in this process may have tuned malloc already: --malloc default must say so rather than claim defaults.
        Assert.Matches("; malloc (glibc defaults|tuned earlier in this process)", output);
        Assert.Contains("at the end: load average", output, StringComparison.Ordinal);
        Assert.Contains("head-only, plain loop: ", output, StringComparison.Ordinal);
        Assert.Contains("x 2 epochs = ", output, StringComparison.Ordinal);
        Assert.Contains("head-only, trainer: 2 epochs in ", output, StringComparison.Ordinal);
        Assert.Contains("faster through the cache", output, StringComparison.Ordinal);
        Assert.Contains("fine-tune 3: trainer ", output, StringComparison.Ordinal);
        Assert.Contains("fine-tune all: trainer ", output, StringComparison.Ordinal);
        Assert.Contains("loading took ", output, StringComparison.Ordinal);
        Assert.Contains("head-only cache speed-up: ", output, StringComparison.Ordinal);
        Assert.Contains("fine-tune trainer/plain: 3 ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        // The subset is made of links in a scratch folder: the dataset itself is untouched.
        Assert.Equal(10, Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Bench_train_json_holds_the_figures_and_the_log_goes_to_stderr()
    {
        using var folder = DarkAndLight(perClass: 3);

        var (exitCode, output, error) = CliRunner.Run(
            "bench", "train", folder.Path, "--per-class", "3", "--size", "32", "--width", "0.35", "--batch", "3",
            "--epochs", "2", "--timed-epochs", "1", "--fine-tune", "all", "--threads", "1", "--json");

        Assert.True(exitCode == 0, error);
        Assert.Contains("head-only, trainer:", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("images").GetInt32());
        Assert.Equal(1, root.GetProperty("torch_threads").GetInt32());
        Assert.True(root.GetProperty("head_only").GetProperty("speedup").GetDouble() > 0);
        var fine = Assert.Single(root.GetProperty("fine_tune").EnumerateArray());
        Assert.Equal("all", fine.GetProperty("depth").GetString());
        Assert.True(fine.GetProperty("trainer_over_plain").GetDouble() > 0);
    }

    [Fact]
    public void A_missing_dataset_is_one_line_and_a_non_zero_exit()
    {
        string missing = Path.Combine(Path.GetTempPath(), "liveclassify-tests", "no-such-dataset");

        var (exitCode, output, error) = CliRunner.Run("bench", "train", missing);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"liveclassify bench train: Dataset folder {missing} does not exist.", error.TrimEnd());
    }

    [Fact]
    public void Bench_without_a_subcommand_still_needs_its_model()
    {
        var (exitCode, _, error) = CliRunner.Run("bench");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--model", error, StringComparison.Ordinal);
    }

    private static TempFolder DarkAndLight(int perClass)
    {
        var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "dark", perClass, new Scalar(20, 20, 20));
        DataFolders.WriteClass(folder.Path, "light", perClass, new Scalar(220, 220, 220));
        return folder;
    }
}
