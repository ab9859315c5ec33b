using System.CommandLine;
using System.Globalization;
using LiveClassify.Cli.Session;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify review DIR [--list] [--move FILE CLASS | --move-all-to CLASS] [--delete FILE]</c>: the frames
/// active learning kept in <c>DIR/_review/</c>, listed with their predictions and sorted into class folders.
/// </summary>
public static class ReviewCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset folder whose _review/ to look at." };
        var list = new Option<bool>("--list") { Description = "List the frames with their predictions (the default)." };
        var move = new Option<string[]>("--move")
        {
            Description = "FILE CLASS: move one frame into a class folder.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var moveAll = new Option<string?>("--move-all-to") { Description = "Move every frame into this class folder." };
        var delete = new Option<string?>("--delete") { Description = "Delete one frame." };
        var command = new Command("review", "List the frames kept for review and move them into class folders.") { dataset, list, move, moveAll, delete };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "review", () =>
            {
                var folder = new ReviewFolder(parseResult.GetValue(dataset)!);
                if (parseResult.GetValue(move) is [var file, var label])
                {
                    config.Output.WriteLine($"moved to {folder.Move(file, label)}");
                }

                if (parseResult.GetValue(moveAll) is { } all)
                {
                    config.Output.WriteLine($"moved {folder.MoveAll(all)} frames to {all}");
                }

                if (parseResult.GetValue(delete) is { } gone)
                {
                    folder.Delete(gone);
                    config.Output.WriteLine($"deleted {gone}");
                }

                bool acted = parseResult.GetValue(move) is { Length: > 0 } || parseResult.GetValue(moveAll) is not null || parseResult.GetValue(delete) is not null;
                if (parseResult.GetValue(list) || !acted)
                {
                    Print(folder, config.Output);
                }

                return 0;
            });
        });
        return command;
    }

    private static void Print(ReviewFolder folder, TextWriter output)
    {
        var frames = folder.List();
        output.WriteLine($"{frames.Count} frames in {folder.Folder}");
        foreach (var (image, record) in frames)
        {
            string predictions = record is null
                ? "(no predictions recorded)"
                : string.Join(", ", record.Predictions.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Label} {p.Score:0.00}")));
            output.WriteLine($"{Path.GetFileName(image)}  {predictions}");
        }
    }
}
