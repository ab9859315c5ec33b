using System.CommandLine;
using LiveClassify.Cli.Live;
using LiveClassify.Cli.Session;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify session --source SRC --dataset DIR [--model M.onnx] [--classes a,b,c] [train options]</c>: the live
/// window as a field loop: keys 1–9 capture into class folders, T trains on the dataset in a background process and
/// the result is hot-swapped in, <c>--review-below</c> keeps unsure frames for review.
/// </summary>
public static class SessionCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source", "-s") { Description = "Camera index or /dev/videoN, video file, image folder, URL or synthetic:NAME.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset folder: keys 1-9 save into its class folders, T trains on it.", Required = true };
        var classes = new Option<string?>("--classes") { Description = "Class names for keys 1-9, comma-separated (default: the model's labels)." };
        var reviewBelow = new Option<float?>("--review-below") { Description = "Keep frames whose top-1 confidence is below this in DATASET/_review/." };
        var window = new Option<string>("--window") { Description = "Window size WxH.", DefaultValueFactory = _ => "1280x720" };
        var headless = new Option<bool>("--headless") { Description = "No window: render offscreen into --out (tests, scripts)." };
        var output = new Option<string?>("--out", "-o") { Description = "Annotated video of a headless run (.mp4)." };
        var frames = new Option<long?>("--frames") { Description = "Stop after N displayed frames." };
        var burstRate = new Option<double>("--burst-rate") { Description = "Frames per second saved while a number key is held.", DefaultValueFactory = _ => 10 };
        var trainer = new Option<string?>("--trainer-command") { Description = "Executable run instead of `liveclassify train` (tests).", Hidden = true };
        var command = new Command("session", "Capture, train and hot-swap in one window; options not listed here are passed to `train`.")
        {
            source, dataset, classes, reviewBelow, window, headless, output, frames, burstRate, trainer,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        var model = ModelOptions.AddTo(command, modelRequired: false);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "session", () =>
            {
                var (width, height) = LiveCommand.ParseWindowSize(parseResult.GetValue(window)!);
                // Without --model the session starts capture-only and its first training creates this file.
                string? given = model.ModelPath(parseResult);
                string modelPath = given ?? Path.Combine(Path.GetFullPath(parseResult.GetValue(dataset)!), "_models", "current.onnx");
                Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
                var classifier = model.ToClassifierOptions(parseResult);
                var options = new LiveOptions
                {
                    Source = parseResult.GetValue(source)!,
                    ModelPath = modelPath,
                    ModelMayBeMissing = given is null,
                    BurstRate = parseResult.GetValue(burstRate) is > 0 and <= 120 and var rate
                        ? rate
                        : throw new ArgumentException($"--burst-rate {parseResult.GetValue(burstRate)} is not between 0 and 120 frames per second."),
                    Classifier = classifier,
                    ReloadClassifier = classifier with { Overrides = null, LabelsPath = null },
                    Dataset = parseResult.GetValue(dataset)!,
                    Classes = parseResult.GetValue(classes)?.Split(',', StringSplitOptions.TrimEntries),
                    Headless = parseResult.GetValue(headless),
                    OutputVideo = parseResult.GetValue(output),
                    MaxFrames = parseResult.GetValue(frames),
                    Width = width,
                    Height = height,
                    ReviewBelow = parseResult.GetValue(reviewBelow) is { } below and (< 0 or > 1)
                        ? throw new ArgumentException($"--review-below {below} is not between 0 and 1.")
                        : parseResult.GetValue(reviewBelow),
                };
                if (options.Headless && options.OutputVideo is null)
                {
                    throw new ArgumentException("--headless needs --out FILE.mp4.");
                }

                var training = new TrainingProcess(
                    options.Dataset, modelPath, [.. model.TrainArguments(parseResult), .. parseResult.UnmatchedTokens], parseResult.GetValue(trainer));
                return LiveCommand.RunLoop(options, config.Error, training);
            });
        });
        return command;
    }
}
