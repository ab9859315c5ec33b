using System.CommandLine;
using LiveClassify.Cli.Session;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify capture --source SRC --dataset DIR --label NAME [--count N] [--interval S]</c>: saves frames of a
/// source into one class folder of a dataset, without a window.
/// </summary>
public static class CaptureCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source", "-s") { Description = "Camera index or /dev/videoN, video file, image folder, URL or synthetic:NAME.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset folder (one subfolder per class).", Required = true };
        var label = new Option<string>("--label") { Description = "The class: images go into DATASET/LABEL/.", Required = true };
        var count = new Option<long?>("--count", "-n") { Description = "Stop after N images (default: until the source ends or Ctrl+C)." };
        var interval = new Option<double>("--interval") { Description = "Seconds of stream time between two saved frames (default 0: every frame)." };
        var command = new Command("capture", "Save frames of a source into a dataset class folder, headless.") { source, dataset, label, count, interval };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            return CommandErrors.Guard(error, "capture", () =>
            {
                double seconds = parseResult.GetValue(interval);
                if (seconds < 0 || !double.IsFinite(seconds))
                {
                    throw new ArgumentException($"--interval {seconds} must be zero or more seconds.");
                }

                var capture = new HeadlessCapture(parseResult.GetValue(source)!, parseResult.GetValue(dataset)!,
                    parseResult.GetValue(label)!, parseResult.GetValue(count), TimeSpan.FromSeconds(seconds));
                using var cancellation = new CancellationTokenSource();
                ConsoleCancelEventHandler stop = (_, e) =>
                {
                    e.Cancel = true;
                    cancellation.Cancel();
                };
                Console.CancelKeyPress += stop;
                try
                {
                    int exit = capture.Run(error, cancellation.Token);
                    if (exit == 0)
                    {
                        parseResult.InvocationConfiguration.Output.WriteLine($"{capture.Saved} images in {capture.Folder}");
                    }

                    return exit;
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
