using System.CommandLine;
using System.Globalization;
using LiveClassify.Cli.Demo;
using LiveClassify.Cli.Labelling;
using LiveClassify.Cli.Live;
using LiveClassify.Inference;
using LiveClassify.Inference.Providers;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify demo [--headless] [--out DIR] [--models DIR]</c>: the shipped clip through the shipped default model
/// with the overlay, in a window when there is a display, else headless into <c>demo-out/</c> (annotated MP4, labels
/// CSV, PNGs of frames) with a summary that compares the model's segments with the clip's truth.
/// </summary>
public static class DemoCommand
{
    /// <summary>Set to 1 by the <c>./liveclassify</c> launcher when it started a virtual display (Xvfb) itself.</summary>
    public const string VirtualDisplayVariable = "LIVECLASSIFY_VIRTUAL_DISPLAY";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var headless = new Option<bool>("--headless") { Description = "No window even when a display is present." };
        var output = new Option<string>("--out", "-o") { Description = "Folder of a headless run's outputs.", DefaultValueFactory = _ => "demo-out" };
        var models = new Option<string?>("--models") { Description = "Folder holding fashion-mnist.onnx and demo/ (default: the repository's models/)." };
        var command = new Command("demo", "Play the shipped clip through the shipped model with the overlay.") { headless, output, models };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "demo", () =>
            {
                var files = DemoFiles.Find(parseResult.GetValue(models));
                // The launcher runs LiveClassify under Xvfb when the machine has no display, and says so: a window
                // there would be seen by nobody, so the demo writes its outputs instead.
                bool windowed = !parseResult.GetValue(headless)
                    && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
                    && Environment.GetEnvironmentVariable(VirtualDisplayVariable) != "1";
                var options = new LiveOptions
                {
                    Source = files.Clip,
                    ModelPath = files.Model,
                    Classes = [],
                    Dataset = Path.Combine(Path.GetTempPath(), "liveclassify-demo-captures"),
                    WatchModel = false,
                };
                if (windowed)
                {
                    return LiveCommand.RunLoop(options, config.Error);
                }

                string folder = Path.GetFullPath(parseResult.GetValue(output)!);
                Directory.CreateDirectory(folder);
                return RunHeadless(files, options, folder, config.Output, config.Error);
            });
        });
        return command;
    }

    private static int RunHeadless(DemoFiles files, LiveOptions live, string folder, TextWriter output, TextWriter log)
    {
        var loop = new LiveLoop(live with
        {
            Headless = true,
            OutputVideo = Path.Combine(folder, "annotated.mp4"),
            ScreenshotEvery = 60,
            ScreenshotFolder = folder,
        }, log);
        int exit = loop.Run(CancellationToken.None);
        if (exit != 0)
        {
            return exit;
        }

        var plan = ThroughputPlan.ForThisMachine(ProviderPreference.Auto, workers: 0, batch: 0);
        using var classifier = ParallelClassifier.Open(files.Model, new ClassifierOptions(), plan);
        var labelOptions = new LabelJobOptions { OutputFolder = folder, Force = true };
        exit = LabelRun.Execute(classifier, labelOptions, [files.Clip], log, interactive: false, CancellationToken.None);
        if (exit != LabelRun.Success)
        {
            return exit;
        }

        var paths = LabelOutputPaths.For(folder, files.Clip, labelOptions.Format);
        output.WriteLine($"demo: {loop.FramesDisplayed} frames of {Path.GetFileName(files.Clip)} through {Path.GetFileName(files.Model)}");
        output.WriteLine($"demo: annotated video {Path.Combine(folder, "annotated.mp4")}; labels {paths.Frames}; segments {paths.Segments}; frames as PNG in {folder}");
        if (File.Exists(files.Truth))
        {
            double agreement = SegmentAgreement.Of(files.Truth, paths.Segments);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: segments agree with {Path.GetFileName(files.Truth)} over {agreement:P0} of the clip"));
        }

        return 0;
    }
}
