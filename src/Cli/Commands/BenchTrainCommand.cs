using System.CommandLine;
using System.Globalization;
using LiveClassify.Cli.Benchmarks;
using LiveClassify.Cli.Output;
using LiveClassify.Train.Native;
using LiveClassify.Train.Training;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify bench train DATASET [--per-class N] [--size N] [--batch N] [--width W | --base FILE.onnx]
/// [--epochs N] [--timed-epochs N] [--fine-tune LIST] [--threads N] [--malloc tuned|default] [--json]</c>: the trainer's speed against a plain
/// TorchSharp loop measured in the same run (docs/benchmarks.md).
/// </summary>
public static class BenchTrainCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Folder with one subfolder of images per class (e.g. from datasets fashion-mnist)." };
        var perClass = new Option<int>("--per-class") { Description = "Images taken from each class, the first in file-name order.", DefaultValueFactory = _ => 100 };
        var size = new Option<int>("--size") { Description = "Input size in pixels, 32 to 224.", DefaultValueFactory = _ => 160 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var width = new Option<double>("--width") { Description = "Width multiplier without --base.", DefaultValueFactory = _ => 1.0 };
        var baseModel = new Option<string?>("--base") { Description = "Pretrained MobileNetV2 ONNX to start from (sets the width)." };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of the head-only comparison.", DefaultValueFactory = _ => 20 };
        var timedEpochs = new Option<int>("--timed-epochs") { Description = "Epochs of each plain-loop and fine-tune run; the first is a warm-up when more than one.", DefaultValueFactory = _ => 2 };
        var fineTune = new Option<string>("--fine-tune") { Description = "Fine-tune depths to compare, comma-separated (N blocks or all).", DefaultValueFactory = _ => "3,all" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0: one per core)." };
        var malloc = new Option<string>("--malloc") { Description = "tuned: keep freed memory in the process (as train does); default: glibc's own settings.", DefaultValueFactory = _ => "tuned" };
        malloc.AcceptOnlyFromAmong("tuned", "default");
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (the log goes to stderr)." };
        var command = new Command("train", "Measure training speed against a plain TorchSharp loop in the same run.")
        {
            dataset, perClass, size, batch, width, baseModel, epochs, timedEpochs, fineTune, threads, malloc, json,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "bench train", () =>
            {
                // Before libtorch allocates anything, as in train.
                string mallocState = parseResult.GetValue(malloc) == "tuned" ? Tune() : Default();
                var options = new TrainingOptions
                {
                    Dataset = parseResult.GetValue(dataset)!,
                    ImageSize = parseResult.GetValue(size),
                    BatchSize = parseResult.GetValue(batch),
                    WidthMultiplier = parseResult.GetValue(width),
                    Epochs = parseResult.GetValue(epochs),
                };
                options = TrainCommand.WithBase(options, parseResult.GetValue(baseModel), TextWriter.Null);
                var depths = parseResult.GetValue(fineTune)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(FineTuneDepth.Parse).ToArray();
                bool asJson = parseResult.GetValue(json);
                var report = TrainingBench.Run(options, parseResult.GetValue(perClass), parseResult.GetValue(timedEpochs), depths, mallocState,
                    asJson ? config.Error : config.Output, parseResult.GetValue(threads));
                if (asJson)
                {
                    WriteJson(config.Output, report);
                    return 0;
                }

                config.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"head-only cache speed-up: {report.HeadOnly.Speedup:0.0}x; fine-tune trainer/plain: {string.Join(", ", report.FineTune.Select(f => $"{f.Depth} {f.Ratio:0.00}"))}"));
                return 0;
            });
        });
        return command;
    }

    private static void WriteJson(TextWriter output, TrainingBenchReport report) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("images", report.Images);
        json.WriteNumber("classes", report.Classes);
        json.WriteNumber("size", report.Size);
        json.WriteNumber("batch", report.Batch);
        json.WriteNumber("width", report.Width);
        json.WriteString("weights", report.Weights);
        json.WriteNumber("timed_epochs", report.TimedEpochs);
        json.WriteNumber("torch_threads", report.TorchThreads);
        json.WriteString("malloc", report.Malloc);
        var head = report.HeadOnly;
        json.WriteStartObject("head_only");
        json.WriteNumber("epochs", head.Epochs);
        json.WriteNumber("trainer_seconds", Math.Round(head.OursSeconds, 3));
        json.WriteNumber("trainer_cache_seconds", Math.Round(head.OursCacheSeconds, 3));
        json.WriteNumber("trainer_epoch_seconds", Math.Round(head.OursEpochSeconds, 3));
        json.WriteNumber("trainer_other_seconds", Math.Round(head.OursSetupSeconds, 3));
        json.WriteNumber("trainer_img_s", Math.Round(head.OursImagesPerSecond, 1));
        json.WriteNumber("plain_epoch_seconds", Math.Round(head.PlainEpochSeconds, 3));
        json.WriteNumber("plain_img_s", Math.Round(head.PlainImagesPerSecond, 1));
        json.WriteNumber("plain_extrapolated_seconds", Math.Round(head.PlainSeconds, 3));
        json.WriteNumber("speedup", Math.Round(head.Speedup, 2));
        json.WriteEndObject();
        json.WriteStartArray("fine_tune");
        foreach (var fine in report.FineTune)
        {
            json.WriteStartObject();
            json.WriteString("depth", fine.Depth.ToString());
            json.WriteNumber("trainer_epoch_seconds", Math.Round(fine.OursEpochSeconds, 3));
            json.WriteNumber("trainer_img_s", Math.Round(fine.OursImagesPerSecond, 1));
            json.WriteNumber("plain_epoch_seconds", Math.Round(fine.PlainEpochSeconds, 3));
            json.WriteNumber("plain_img_s", Math.Round(fine.PlainImagesPerSecond, 1));
            json.WriteNumber("trainer_over_plain", Math.Round(fine.Ratio, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static string Tune() => LibTorchMemoryTuning.Apply()
        ? "tuned (mallopt: no mmap for large blocks, no trimming)"
        : "tuning refused by the C library (its defaults apply)";

    private static string Default()
    {
        string tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is { Length: > 0 } value ? $"GLIBC_TUNABLES={value}" : "GLIBC_TUNABLES unset";
        return LibTorchMemoryTuning.WasApplied
            ? $"tuned earlier in this process ({tunables})"
            : $"glibc defaults unless GLIBC_TUNABLES says otherwise ({tunables})";
    }
}
