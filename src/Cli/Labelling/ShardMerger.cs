using System.Globalization;
using System.Text.Json;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Joins the outputs of several <c>label</c> runs (one folder per shard or machine) into one table with an
/// <c>input</c> column: every finished input (one with a summary) once, in input order.
/// </summary>
public static class ShardMerger
{
    /// <summary>What to join: per-frame labels or smoothed segments.</summary>
    public enum Table
    {
        /// <summary>The frame files (CSV or JSON lines), as CSV.</summary>
        Frames,

        /// <summary>The segment files.</summary>
        Segments,
    }

    /// <summary>Writes the merged table to <paramref name="writer"/>; returns the number of inputs joined.</summary>
    public static int Merge(IEnumerable<string> folders, Table table, TextWriter writer, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(warnings);
        var finished = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder}: no such folder of label outputs.");
            }

            foreach (string summaryPath in Directory.EnumerateFiles(folder, "*" + LabelOutputPaths.SummarySuffix))
            {
                var summary = LabelSummary.FromJson(File.ReadAllText(summaryPath));
                string file = Path.Combine(folder, table == Table.Frames ? summary.FramesFile : summary.SegmentsFile);
                if (!finished.TryAdd(summary.Input, file))
                {
                    warnings.Add($"{summary.Input}: labelled in more than one folder; using {finished[summary.Input]}");
                }
            }
        }

        var rows = new List<(string Input, List<string> Fields)>();
        int width = 0;
        foreach (var (input, file) in finished)
        {
            foreach (var fields in ReadRows(file))
            {
                width = Math.Max(width, fields.Count);
                rows.Add((input, fields));
            }
        }

        writer.Write("input,");
        writer.Write(table == Table.Segments ? SegmentFile.Header : FrameRecordWriter.HeaderFor(Math.Max(1, (width - 2) / 2)));
        writer.Write('\n');
        foreach (var (input, fields) in rows)
        {
            writer.Write(Csv.Quote(input));
            foreach (string field in fields)
            {
                writer.Write(',');
                writer.Write(Csv.Quote(field));
            }

            // Inputs labelled with a smaller top-k get empty trailing cells, so every row has the header's width.
            writer.Write(new string(',', width - fields.Count));
            writer.Write('\n');
        }

        return finished.Count;
    }

    private static IEnumerable<List<string>> ReadRows(string file)
    {
        bool jsonLines = file.EndsWith(".jsonl", StringComparison.Ordinal);
        foreach (string line in File.ReadLines(file).Skip(jsonLines ? 0 : 1))
        {
            if (line.Length > 0)
            {
                yield return jsonLines ? FieldsOfJsonLine(line) : Csv.Split(line);
            }
        }
    }

    private static List<string> FieldsOfJsonLine(string line)
    {
        using var record = JsonDocument.Parse(line);
        var root = record.RootElement;
        var fields = new List<string>
        {
            root.GetProperty("frame").GetInt64().ToString(CultureInfo.InvariantCulture),
            root.GetProperty("time_s").GetRawText(),
        };
        foreach (var scored in root.GetProperty("top").EnumerateArray())
        {
            fields.Add(scored.GetProperty("label").GetString() ?? "");
            fields.Add(scored.GetProperty("score").GetRawText());
        }

        return fields;
    }
}
