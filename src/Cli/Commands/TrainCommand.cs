using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Data;
using LiveClassify.Train.Native;
using LiveClassify.Train.Onnx;
using LiveClassify.Train.Reports;
using LiveClassify.Train.Training;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify train DATASET --out FILE.onnx [--base FILE.onnx] [--size N] [--fine-tune 0|N|all] [--epochs N]
/// [--batch N] [--lr F] [--schedule plateau|cosine] [--early-stopping N] [--augment LIST] [--val-split F | --val DIR]
/// [--seed N] [--report DIR] [--preprocess P] [--binary] [--head LIST] [--device cpu|cuda] [--resume]</c>: MobileNetV2 transfer learning, exported as ONNX that the live loop
/// loads with no flags.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Folder with one subfolder of images per class." };
        var output = new Option<string>("--out", "-o") { Description = "The ONNX model to write (atomically).", Required = true };
        var baseModel = new Option<string?>("--base") { Description = "Pretrained MobileNetV2 ONNX to start from (e.g. models pull mobilenetv2); default: random initialisation." };
        var size = new Option<int>("--size") { Description = "Input size in pixels, 32 to 224.", DefaultValueFactory = _ => 224 };
        var width = new Option<double>("--width") { Description = "Width multiplier without --base (0.35, 0.5, 0.75, 1.0...).", DefaultValueFactory = _ => 1.0 };
        var fineTune = new Option<string>("--fine-tune") { Description = "0: head only (backbone frozen); N: also the last N blocks and the final 1x1 conv; all.", DefaultValueFactory = _ => "0" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var learningRate = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 1e-3 };
        var schedule = new Option<LearningRateSchedule>("--schedule") { Description = "plateau (divide by 10 after 2 epochs without improvement) or cosine (decay over --epochs).", DefaultValueFactory = _ => LearningRateSchedule.Plateau };
        var earlyStopping = new Option<int>("--early-stopping") { Description = "Epochs without improvement before training stops and restores the best (0: off).", DefaultValueFactory = _ => 5 };
        var optimizer = new Option<OptimizerKind>("--optimizer") { Description = "adam or sgd (momentum 0.9).", DefaultValueFactory = _ => OptimizerKind.Adam };
        var augment = new Option<string?>("--augment") { Description = "Training-only augmentation, e.g. flip,rotate=15,zoom=0.1,shift=0.1,color=0.2." };
        var valSplit = new Option<double>("--val-split") { Description = "Share of each class held out for validation.", DefaultValueFactory = _ => 0.2 };
        var val = new Option<string?>("--val") { Description = "Validation folder with the same classes (instead of --val-split)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, augmentation and initialisation.", DefaultValueFactory = _ => 42 };
        var report = new Option<string?>("--report") { Description = "Report folder (default: next to --out, NAME.report)." };
        var preprocess = new Option<string>("--preprocess") { Description = "Scaling the backbone expects: torch (torchvision weights), tf, caffe, raw.", DefaultValueFactory = _ => "torch" };
        preprocess.AcceptOnlyFromAmong("tf", "torch", "caffe", "raw");
        var resize = new Option<ResizeMode>("--resize") { Description = "stretch, crop or letterbox.", DefaultValueFactory = _ => ResizeMode.Stretch };
        var binary = new Option<bool>("--binary") { Description = "Two classes, one sigmoid unit." };
        var head = new Option<string?>("--head") { Description = "Hidden ReLU layers before the classifier, e.g. 1024,512,256." };
        var dropout = new Option<double>("--dropout") { Description = "Dropout before the classifier.", DefaultValueFactory = _ => 0.2 };
        var device = new Option<string>("--device") { Description = "cpu or cuda (CUDA build with a GPU).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var resume = new Option<bool>("--resume") { Description = "Continue from the last checkpoint of this --out." };
        var noCache = new Option<bool>("--no-feature-cache") { Description = "Recompute the frozen backbone every epoch (for comparison)." };
        var imageCache = new Option<long?>("--image-cache-mb")
        {
            Description = "Memory for preprocessed images kept between epochs when the backbone trains (0: decode every epoch; default: a quarter of memory).",
        };
        var command = new Command("train", "Fine-tune MobileNetV2 on a folder of class folders and export ONNX.")
        {
            dataset, output, baseModel, size, width, fineTune, epochs, batch, learningRate, schedule, earlyStopping, optimizer, augment, valSplit, val, seed,
            report, preprocess, resize, binary, head, dropout, device, resume, noCache, imageCache,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "train", () =>
            {
                // Before libtorch allocates anything: glibc would otherwise hand big blocks back to the kernel and
                // page-fault them in again on every step.
                LibTorchMemoryTuning.Apply();
                string outputPath = Path.GetFullPath(parseResult.GetValue(output)!);
                var options = new TrainingOptions
                {
                    Dataset = parseResult.GetValue(dataset)!,
                    ValidationFolder = parseResult.GetValue(val),
                    ValidationSplit = parseResult.GetValue(valSplit),
                    Seed = parseResult.GetValue(seed),
                    ImageSize = parseResult.GetValue(size),
                    WidthMultiplier = parseResult.GetValue(width),
                    Normalization = Normalization.FromPreset(parseResult.GetValue(preprocess)!),
                    Resize = parseResult.GetValue(resize),
                    FineTune = FineTuneDepth.Parse(parseResult.GetValue(fineTune)!),
                    Epochs = parseResult.GetValue(epochs),
                    BatchSize = parseResult.GetValue(batch),
                    LearningRate = parseResult.GetValue(learningRate),
                    Schedule = parseResult.GetValue(schedule),
                    EarlyStoppingPatience = parseResult.GetValue(earlyStopping),
                    Optimizer = parseResult.GetValue(optimizer),
                    Augmentation = Augmentation.Parse(parseResult.GetValue(augment)),
                    Binary = parseResult.GetValue(binary),
                    HeadHidden = Train.Model.HeadSpec.ParseHidden(parseResult.GetValue(head)),
                    Dropout = parseResult.GetValue(dropout),
                    FeatureCache = !parseResult.GetValue(noCache),
                    ImageCacheBytes = parseResult.GetValue(imageCache) is { } megabytes ? megabytes * 1024 * 1024 : TrainingOptions.DefaultImageCacheBytes,
                    CheckpointFolder = outputPath + ".ckpt",
                    Resume = parseResult.GetValue(resume),
                    Device = parseResult.GetValue(device)!,
                };
                options = WithBase(options, parseResult.GetValue(baseModel), config.Error);
                string reportFolder = parseResult.GetValue(report) ?? Path.ChangeExtension(outputPath, ".report");
                return Run(options, outputPath, reportFolder, config.Output, config.Error);
            });
        });
        return command;
    }

    /// <summary>Options that start from the backbone of <paramref name="basePath"/> (the import is reported on <paramref name="log"/>), or unchanged without one.</summary>
    public static TrainingOptions WithBase(TrainingOptions options, string? basePath, TextWriter log)
    {
        if (basePath is null)
        {
            return options; // The trainer says so when it builds the model.
        }

        var source = OnnxImporter.Read(basePath);
        if (source.FrameNormalization is { } normalization && normalization != options.Normalization)
        {
            // The base learnt its weights on inputs scaled this way; any other scaling would start it off wrong.
            log.WriteLine($"train: {basePath} normalises its frames as {normalization.Preset} (mean {normalization.Mean}, std {normalization.Std}); training uses the same, not --preprocess {options.Normalization.Preset}.");
            options = options with { Normalization = normalization };
        }

        return options with
        {
            WidthMultiplier = source.Architecture.WidthMultiplier,
            BaseDescription = basePath,
            LoadBaseWeights = model =>
            {
                var imported = OnnxImporter.Import(source, model);
                log.WriteLine($"train: {imported.Describe()}");
            },
        };
    }

    private static int Run(TrainingOptions options, string outputPath, string reportFolder, TextWriter output, TextWriter log)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
            log.WriteLine("train: stopping after this batch; the best model so far will be written.");
        };
        Console.CancelKeyPress += stop;
        try
        {
            var monitor = new ConsoleTrainingMonitor(output, log, interactive: ReferenceEquals(log, Console.Error) && !Console.IsErrorRedirected);
            using var result = Trainer.Run(options, monitor, cancellation.Token);
            var evaluation = TrainingReport.Write(reportFolder, result);
            var exportOptions = new OnnxExportOptions(
                result.Preprocess,
                new LabelMap(result.ClassNames),
                ColorOrder.Bgr,
                TrainingJson: JsonSerializer.Serialize(new
                {
                    @base = options.BaseDescription,
                    size = options.ImageSize,
                    width = options.WidthMultiplier,
                    fine_tune = options.FineTune.ToString(),
                    epochs = options.Epochs,
                    best_epoch = result.BestEpoch,
                    stop = result.Stop.ToString(),
                    batch = options.BatchSize,
                    optimizer = options.Optimizer.ToString(),
                    learning_rate = options.LearningRate,
                    schedule = options.Schedule.ToString(),
                    augment = options.Augmentation.ToString(),
                    seed = options.Seed,
                    seconds = Math.Round(result.Elapsed.TotalSeconds, 1),
                }),
                DatasetJson: JsonSerializer.Serialize(new
                {
                    fingerprint = result.DatasetFingerprint,
                    classes = result.ClassNames,
                    training = result.TrainingCounts,
                    validation = result.ValidationCounts,
                    skipped = result.SkippedImages.Count,
                }),
                MetricsJson: evaluation?.ToJson());
            OnnxExporter.Export(result.Model, exportOptions, outputPath);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"train: wrote {outputPath} (best epoch {result.BestEpoch}, {result.Stop}; validation accuracy {evaluation?.Accuracy:0.0000}, top-3 {evaluation?.Top3Accuracy:0.0000}) in {result.Elapsed.TotalSeconds:0} s; report in {reportFolder}"));
            foreach (string skipped in result.SkippedImages)
            {
                log.WriteLine($"train: skipped {skipped}");
            }

            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }
}
