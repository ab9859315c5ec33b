using System.CommandLine;
using LiveClassify.Cli.Diagnostics;
using LiveClassify.Cli.Output;
using LiveClassify.Core.Diagnostics;
using Spectre.Console;

namespace LiveClassify.Cli.Commands;

/// <summary>`liveclassify doctor [--json]`: what works on this machine and, for what does not, why.</summary>
public static class DoctorCommand
{
    /// <summary>Builds the command over the given probes (<see cref="DoctorProbes.All"/> in the program).</summary>
    public static Command Create(IReadOnlyList<DoctorProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var json = new Option<bool>("--json") { Description = "Print the reports as one JSON document, for scripts." };
        var command = new Command("doctor", "Check the native stacks (OpenCV, ONNX Runtime, OpenGL, libtorch) on this machine.")
        {
            json,
        };
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return Run(probes, parseResult.GetValue(json), config.Output, config.Error);
        });
        return command;
    }

    /// <summary>Runs every probe, shows the reports, and returns 1 with one line on <paramref name="error"/> per broken
    /// required stack, else 0.</summary>
    private static int Run(IReadOnlyList<DoctorProbe> probes, bool json, TextWriter output, TextWriter error)
    {
        StackReport[] reports = [.. probes.Select(p => p.Report())];
        if (json)
        {
            JsonOutput.WriteStackReports(output, reports);
        }
        else if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            StackReportView.WriteTable(AnsiConsole.Console, reports);
        }
        else
        {
            StackReportView.WritePlain(output, reports);
        }

        var broken = reports.Where(r => r.IsBlocking).ToList();
        foreach (var report in broken)
        {
            error.WriteLine($"liveclassify doctor: {report.Name} is broken: {report.Problem}");
        }

        return broken.Count == 0 ? 0 : 1;
    }
}
