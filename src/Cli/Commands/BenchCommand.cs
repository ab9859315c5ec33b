using System.CommandLine;
using System.Globalization;
using LiveClassify.Cli.Benchmarks;
using LiveClassify.Cli.Output;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify bench --model M.onnx [--source VIDEO] [--batch N] [--label-batch B] [--label-workers W] [--json]</c>: the speed figures
/// of docs/benchmarks.md, each next to the bare ONNX Runtime call measured in the same run. <c>bench train</c>
/// (<see cref="BenchTrainCommand"/>) measures training.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Video to decode and label (default: a 640x480 H.264 test clip made with ffmpeg)." };
        var batch = new Option<int>("--batch") { Description = "Batch size of the throughput figure.", DefaultValueFactory = _ => 32 };
        var labelBatch = new Option<int>("--label-batch") { Description = "Batch size label uses end to end (0: label's default)." };
        var labelWorkers = new Option<int>("--label-workers") { Description = "Sessions label runs at once (0: label's default)." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("bench", "Measure inference, preprocessing, decoding and end-to-end labelling speed.") { source, batch, labelBatch, labelWorkers, json };
        var model = ModelOptions.AddTo(command);
        command.Subcommands.Add(BenchTrainCommand.Create());
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "bench", () =>
            {
                bool asJson = parseResult.GetValue(json);
                var options = model.ToClassifierOptions(parseResult);
                var plan = ThroughputPlan.ForThisMachine(options.Provider, Math.Max(0, parseResult.GetValue(labelWorkers)), Math.Max(0, parseResult.GetValue(labelBatch)));
                var report = BenchRunner.Run(model.ModelPath(parseResult)!, options, parseResult.GetValue(source), Math.Max(1, parseResult.GetValue(batch)),
                    plan, asJson ? config.Error : config.Output);
                if (asJson)
                {
                    WriteJson(config.Output, report);
                }
                else
                {
                    config.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"classifier/bare at batch 1: {report.ClassifierOverhead:0.00}x; label/min(decode, bare): {report.EndToEndRatio:0.00} "
                        + $"(with bare batch {report.BatchN} alone: {report.EndToEndRatioAtBatchN:0.00}); label/shared-machine bound: {report.SharedMachineRatio:0.00}"));
                }

                return 0;
            });
        });
        return command;
    }

    private static void WriteJson(TextWriter output, BenchReport report) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("model", report.Model);
        json.WriteString("provider", report.Provider);
        json.WriteString("input", report.Input);
        json.WriteNumber("threads", report.Threads);
        json.WriteNumber("bare_batch1_p50_ms", Math.Round(report.BareBatch1.P50, 3));
        json.WriteNumber("bare_batch1_p95_ms", Math.Round(report.BareBatch1.P95, 3));
        json.WriteNumber("bare_batch", report.BatchN);
        json.WriteNumber("bare_throughput_img_s", Math.Round(report.BareThroughput, 1));
        json.WriteNumber("classifier_batch1_p50_ms", Math.Round(report.ClassifierBatch1.P50, 3));
        json.WriteNumber("classifier_over_bare", Math.Round(report.ClassifierOverhead, 3));
        json.WriteNumber("preprocess_640x480_p50_ms", Math.Round(report.Preprocess.P50, 4));
        json.WriteString("source", report.Source);
        json.WriteNumber("decode_fps", Math.Round(report.DecodeFps, 1));
        json.WriteNumber("label_workers", report.LabelPlan.Workers);
        json.WriteNumber("label_batch", report.LabelPlan.Batch);
        json.WriteNumber("bare_at_label_plan_img_s", Math.Round(report.BareAtLabelPlanFps, 1));
        json.WriteNumber("best_bare_img_s", Math.Round(report.BestBareFps, 1));
        json.WriteNumber("label_frames", report.LabelFrames);
        json.WriteNumber("label_fps", Math.Round(report.LabelFps, 1));
        json.WriteNumber("label_over_min_decode_bare", Math.Round(report.EndToEndRatio, 3));
        json.WriteNumber("label_over_min_decode_bare_batch", Math.Round(report.EndToEndRatioAtBatchN, 3));
        json.WriteNumber("shared_machine_bound_fps", Math.Round(report.SharedMachineBoundFps, 1));
        json.WriteNumber("label_over_shared_machine_bound", Math.Round(report.SharedMachineRatio, 3));
        json.WriteNumber("label_allocated_bytes_per_frame", Math.Round(report.LabelAllocatedBytesPerFrame, 1));
        json.WriteEndObject();
    });
}
