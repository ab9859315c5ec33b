using System.CommandLine;
using System.Globalization;
using LiveClassify.Cli.Live;
using LiveClassify.Cli.Session;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify live --source SRC --model M.onnx</c>: the camera (or video) on screen with the model's opinion drawn
/// over it; <c>--headless --out annotated.mp4</c> renders the same overlay offscreen into a video.
/// </summary>
public static class LiveCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source", "-s")
        {
            Description = "Camera index or /dev/videoN, video file, image folder or glob, rtsp/http URL, synthetic:moving-shapes|color-bars|counter.",
            Required = true,
        };
        var dataset = new Option<string>("--dataset") { Description = "Folder keys 1-9 save frames into (one subfolder per class).", DefaultValueFactory = _ => "dataset" };
        var classes = new Option<string?>("--classes") { Description = "Class names for keys 1-9, comma-separated (default: the model's labels)." };
        var headless = new Option<bool>("--headless") { Description = "No window: render offscreen and write --out." };
        var output = new Option<string?>("--out", "-o") { Description = "Annotated video of a headless run (.mp4)." };
        var frames = new Option<long?>("--frames") { Description = "Stop after N displayed frames." };
        var duration = new Option<double?>("--duration") { Description = "Stop after S seconds." };
        var screenshots = new Option<string[]>("--screenshot-every")
        {
            Description = "N DIR: write a PNG of the window every N frames into DIR.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var window = new Option<string>("--window") { Description = "Window or canvas size WxH.", DefaultValueFactory = _ => "1280x720" };
        var topK = new Option<int>("--top-k", "-k") { Description = "Rows in the overlay's top-k list (up to 5).", DefaultValueFactory = _ => 5 };
        var reviewBelow = new Option<float?>("--review-below") { Description = "Keep frames whose top-1 confidence is below this (0-1) in DATASET/_review/ for `liveclassify review`." };
        var command = new Command("live", "Show a source with the model's predictions drawn over it; hot-swaps the model when its file changes.")
        {
            source, dataset, classes, headless, output, frames, duration, screenshots, window, topK, reviewBelow,
        };
        var model = ModelOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "live", () =>
            {
                var (width, height) = ParseWindowSize(parseResult.GetValue(window)!);
                // Not given, the option yields an empty array rather than null.
                string[]? every = parseResult.GetValue(screenshots) is { Length: 2 } pair ? pair : null;
                bool isHeadless = parseResult.GetValue(headless);
                string? outputVideo = parseResult.GetValue(output);
                if (isHeadless && outputVideo is null && every is null)
                {
                    throw new ArgumentException("--headless needs --out FILE.mp4 or --screenshot-every N DIR: nothing would be kept.");
                }

                var options = new LiveOptions
                {
                    Source = parseResult.GetValue(source)!,
                    ModelPath = model.ModelPath(parseResult)!,
                    Classifier = model.ToClassifierOptions(parseResult),
                    Dataset = parseResult.GetValue(dataset)!,
                    Classes = parseResult.GetValue(classes)?.Split(',', StringSplitOptions.TrimEntries),
                    Headless = isHeadless,
                    OutputVideo = outputVideo,
                    MaxFrames = parseResult.GetValue(frames),
                    Duration = parseResult.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    ScreenshotEvery = every is null ? 0 : int.Parse(every[0], CultureInfo.InvariantCulture),
                    ScreenshotFolder = every?[1] ?? "screenshots",
                    Width = width,
                    Height = height,
                    TopK = parseResult.GetValue(topK),
                    ReviewBelow = parseResult.GetValue(reviewBelow) is { } below and (< 0 or > 1)
                        ? throw new ArgumentException($"--review-below {below} is not between 0 and 1.")
                        : parseResult.GetValue(reviewBelow),
                };
                return RunLoop(options, config.Error);
            });
        });
        return command;
    }

    /// <summary>Runs the loop with Ctrl+C wired to a clean stop, and prints its figures at the end.</summary>
    public static int RunLoop(LiveOptions options, TextWriter log, TrainingProcess? training = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var loop = new LiveLoop(options, log) { Training = training };
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            int exit = loop.Run(cancellation.Token);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"live: {loop.FramesDisplayed} frames shown; prediction age p50 {loop.AgeFrames.Percentile(0.5):0} frames / {loop.AgeMilliseconds.Percentile(0.5):0.0} ms (p95 {loop.AgeFrames.Percentile(0.95):0} / {loop.AgeMilliseconds.Percentile(0.95):0.0} ms); capture-to-display p50 {loop.LatencyMilliseconds.Percentile(0.5):0.0} ms; {loop.RedrawsPerSecond:0} redraws/s; {loop.ModelSwaps} model swaps"));
            if (loop.Review is { } review)
            {
                log.WriteLine($"live: {review.Saved} unsure frames kept for review in {review.Folder} ({review.Sampler.RateLimited} rate-limited, {review.Sampler.Duplicates} duplicates skipped)");
            }

            if (options.OutputVideo is not null && options.Headless)
            {
                log.WriteLine($"live: wrote {options.OutputVideo}");
            }

            return exit;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    /// <summary>Parses <c>--window WxH</c>; session uses the same rule.</summary>
    internal static (int Width, int Height) ParseWindowSize(string text)
    {
        string[] parts = text.Split('x');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
               && width is >= 64 and <= 8192 && height is >= 64 and <= 8192
            ? (width, height)
            : throw new FormatException($"--window '{text}' is not WxH between 64 and 8192 (for example 1280x720).");
    }
}
