using System.CommandLine;
using LiveClassify.Cli.Labelling;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify label INPUTS... --model M.onnx [--every N | --fps F] [--top-k K] [--batch B] [--workers W]
/// [--out DIR] [--format csv|jsonl] [--annotate] [--shard i/n] [--force]</c>: batch video labelling.
/// </summary>
public static class LabelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Video files, folders of videos, or globs (quote them).", Arity = ArgumentArity.OneOrMore };
        var every = new Option<int>("--every") { Description = "Classify every Nth frame.", DefaultValueFactory = _ => 1 };
        var fps = new Option<double?>("--fps") { Description = "Classify at most F frames per second of video." };
        var topK = new Option<int>("--top-k", "-k") { Description = "Labels written per frame.", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Frames per inference run (0: 1 on the CPU, 32 on CUDA)." };
        var workers = new Option<int>("--workers") { Description = "Model sessions classifying at once, each on its own thread (0: one per core on the CPU, 1 on CUDA)." };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "labels" };
        var format = new Option<LabelOutputFormat>("--format") { Description = "Per-frame file format: csv or jsonl.", DefaultValueFactory = _ => LabelOutputFormat.Csv };
        var annotate = new Option<bool>("--annotate") { Description = "Also write an MP4 with the labels drawn." };
        var shard = new Option<string?>("--shard")
        {
            Description = "i/n: label only this machine's share. Default: JOB_COMPLETION_INDEX with LIVECLASSIFY_SHARDS (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm), else everything.",
        };
        var force = new Option<bool>("--force") { Description = "Relabel inputs that are already finished." };
        var command = new Command("label", "Label video files frame by frame and in segments; resumable and shardable.")
        {
            inputs, every, fps, topK, batch, workers, output, format, annotate, shard, force,
        };
        var model = ModelOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "label", () =>
            {
                string? shardText = parseResult.GetValue(shard);
                var options = new LabelJobOptions
                {
                    OutputFolder = parseResult.GetValue(output)!,
                    Format = parseResult.GetValue(format),
                    TopK = Math.Max(1, parseResult.GetValue(topK)),
                    Every = parseResult.GetValue(every),
                    Fps = parseResult.GetValue(fps),
                    Annotate = parseResult.GetValue(annotate),
                    Force = parseResult.GetValue(force),
                    Shard = shardText is null ? ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable) : ShardSpec.Parse(shardText),
                };
                _ = new FrameSelector(options.Every, options.Fps); // Refuse a bad --every/--fps before loading anything.
                var classifierOptions = model.ToClassifierOptions(parseResult);
                var plan = ThroughputPlan.ForThisMachine(classifierOptions.Provider, Math.Max(0, parseResult.GetValue(workers)), Math.Max(0, parseResult.GetValue(batch)));
                using var classifier = ParallelClassifier.Open(model.ModelPath(parseResult)!, classifierOptions, plan);
                using var cancellation = new CancellationTokenSource();
                ConsoleCancelEventHandler stop = (_, e) =>
                {
                    e.Cancel = true;
                    cancellation.Cancel();
                };
                Console.CancelKeyPress += stop;
                try
                {
                    return LabelRun.Execute(classifier, options, parseResult.GetValue(inputs)!, config.Error,
                        interactive: ReferenceEquals(config.Error, Console.Error) && !Console.IsErrorRedirected, cancellation.Token);
                }
                finally
                {
                    Console.CancelKeyPress -= stop;
                }
            });
        });
        return command;
    }
}
