using System.CommandLine;
using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Datasets;

namespace LiveClassify.Cli.Commands;

/// <summary><c>liveclassify merge DIR... --out table.csv [--segments]</c>: one table from the folders of several shards.</summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Output folders of label runs (one per shard).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "The merged CSV (default: standard output)." };
        var segments = new Option<bool>("--segments") { Description = "Merge the segment tables instead of the per-frame ones." };
        var command = new Command("merge", "Join the outputs of label shards into one table with an input column.") { folders, output, segments };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "merge", () =>
            {
                var table = parseResult.GetValue(segments) ? ShardMerger.Table.Segments : ShardMerger.Table.Frames;
                var warnings = new List<string>();
                int inputs;
                string? path = parseResult.GetValue(output);
                if (path is null)
                {
                    inputs = ShardMerger.Merge(parseResult.GetValue(folders)!, table, config.Output, warnings);
                }
                else
                {
                    using var text = new StringWriter();
                    inputs = ShardMerger.Merge(parseResult.GetValue(folders)!, table, text, warnings);
                    AtomicFile.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text.ToString()));
                }

                foreach (string warning in warnings)
                {
                    config.Error.WriteLine($"liveclassify merge: {warning}");
                }

                config.Error.WriteLine($"merge: {inputs} inputs joined" + (path is null ? "" : $" into {path}"));
                return 0;
            });
        });
        return command;
    }
}
