using LiveClassify.Core.Diagnostics;
using Spectre.Console;

namespace LiveClassify.Cli.Output;

/// <summary>`doctor`'s reports for people: a table on a terminal, plain lines when the output is redirected.</summary>
public static class StackReportView
{
    /// <summary>One table row per stack: its name, its status, and its facts or problem one per line.</summary>
    public static void WriteTable(IAnsiConsole console, IReadOnlyList<StackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(reports);
        var table = new Table().AddColumn("Stack").AddColumn("Status").AddColumn("Details");
        foreach (var report in reports)
        {
            var details = report.Facts.Select(f => $"{f.Key}: {f.Value}").ToList();
            if (report.Problem is { } problem)
            {
                details.Insert(0, problem);
            }

            var status = new Text(Status(report), new Style(report.Working ? Color.Green : report.Required ? Color.Red : Color.Yellow));
            table.AddRow(new Text(report.Name), status, new Text(string.Join('\n', details)));
        }

        console.Write(table);
    }

    /// <summary>One "name: status" line per stack, its problem and facts indented below it.</summary>
    public static void WritePlain(TextWriter output, IReadOnlyList<StackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var report in reports)
        {
            output.WriteLine($"{report.Name}: {Status(report)}");
            if (report.Problem is { } problem)
            {
                output.WriteLine($"  problem: {problem}");
            }

            foreach (var (key, value) in report.Facts)
            {
                output.WriteLine($"  {key}: {value}");
            }
        }
    }

    private static string Status(StackReport report) =>
        report.Working ? "ok" : report.Required ? "broken" : "unavailable";
}
