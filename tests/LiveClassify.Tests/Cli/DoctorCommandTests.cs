using System.CommandLine;
using System.Text.Json;
using LiveClassify.Cli;
using LiveClassify.Cli.Diagnostics;
using LiveClassify.Cli.Output;
using LiveClassify.Core.Diagnostics;
using LiveClassify.Inference;
using LiveClassify.Inference.Providers;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;
using Spectre.Console;

namespace LiveClassify.Tests.Cli;

/// <summary>`liveclassify doctor`, run in-process: the real probes on this machine, and made-up ones that fail.</summary>
/// <remarks>In the OpenGL collection because the real OpenGL probe opens a GLFW window, which no other test may do at
/// the same time.</remarks>
[Collection(OpenGLCollection.Name)]
public sealed class DoctorCommandTests
{
    private static readonly IReadOnlyList<DoctorProbe> WithBrokenPart =
    [
        new("Fine", () => new StackReport("Fine", Required: true, Working: true, [new("version", "1.2.3")])),
        new("Broken", () => throw new TypeInitializationException("Broken.NativeMethods", new DllNotFoundException(
            "Unable to load shared library 'Broken' or one of its dependencies.\n" +
            "/app/libBroken.so: libfoo.so.1: cannot open shared object file: No such file or directory\n"))),
        new("Optional", () => new StackReport("Optional", Required: false, Working: false, [], "no GPU on this machine")),
    ];

    [Fact]
    public async Task Json_has_one_stack_per_probe_each_working_or_optional_with_a_reason()
    {
        var (exitCode, output, error) = await RunAsync(DoctorProbes.All, "doctor", "--json");

        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        var stacks = root.GetProperty("stacks").EnumerateArray().ToList();
        Assert.Equal(DoctorProbes.All.Select(p => p.Name), stacks.Select(s => s.GetProperty("name").GetString()));
        Assert.All(stacks, stack =>
        {
            Assert.True(stack.GetProperty("facts").EnumerateObject().Any(), $"{stack.GetProperty("name")} has no facts.");
            if (stack.GetProperty("working").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, stack.GetProperty("problem").ValueKind);
            }
            else
            {
                // Only an optional stack may be down on a machine where the required ones work (OpenGL without DISPLAY).
                Assert.False(stack.GetProperty("required").GetBoolean(), stack.GetProperty("problem").GetString());
                Assert.False(string.IsNullOrWhiteSpace(stack.GetProperty("problem").GetString()));
            }
        });
    }

    [Fact]
    public async Task The_stacks_report_their_versions_and_backends()
    {
        var (_, output, _) = await RunAsync(DoctorProbes.All, "doctor", "--json");

        using var document = JsonDocument.Parse(output);
        var facts = document.RootElement.GetProperty("stacks").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("facts"));
        Assert.Matches(@"^\d+\.\d+", facts["System"].GetProperty("glibc").GetString());
        Assert.Contains("GLIBCXX up to 3.4.", facts["System"].GetProperty("libstdc++").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("4.", facts["OpenCV"].GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("yes", facts["OpenCV"].GetProperty("FFMPEG (video files)").GetString(), StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", facts["ONNX Runtime"].GetProperty("execution providers").GetString(), StringComparison.Ordinal);
        if (!ExecutionProviders.Probe(ProviderPreference.Auto).IsCuda)
        {
            Assert.Equal($"{new ThroughputPlan(Environment.ProcessorCount, 1)} by default", facts["ONNX Runtime"].GetProperty("label and eval").GetString());
        }

        if (TestDisplay.Available)
        {
            Assert.Matches(@"^\d+\.\d+", facts["OpenGL"].GetProperty("version").GetString());
        }

        string cuda = facts["ONNX Runtime"].GetProperty("CUDA").GetString()!;
        if (!File.Exists("/proc/driver/nvidia/version"))
        {
            Assert.StartsWith("no: ", cuda, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plain_output_has_a_line_per_stack_when_redirected()
    {
        var (exitCode, output, _) = await RunAsync(DoctorProbes.All, "doctor");

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n');
        Assert.All(DoctorProbes.All, probe => Assert.Contains(lines, l => l == $"{probe.Name}: ok" || l == $"{probe.Name}: unavailable"));
    }

    [Fact]
    public async Task A_broken_required_part_exits_non_zero_with_one_line_naming_it()
    {
        var (exitCode, output, error) = await RunAsync(WithBrokenPart, "doctor");

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            "liveclassify doctor: Broken is broken: library 'Broken' could not be loaded: /app/libBroken.so: libfoo.so.1: " +
            "cannot open shared object file: No such file or directory (a system library it needs is missing: run scripts/setup-native.sh)",
            line);
        string[] lines = output.Split('\n');
        Assert.Contains("Fine: ok", lines);
        Assert.Contains("Broken: broken", lines);
        Assert.Contains("Optional: unavailable", lines);
    }

    [Fact]
    public async Task Json_says_not_ok_and_carries_the_problem_of_a_broken_part()
    {
        var (exitCode, output, _) = await RunAsync(WithBrokenPart, "doctor", "--json");

        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.GetProperty("ok").GetBoolean());
        var broken = document.RootElement.GetProperty("stacks")[1];
        Assert.Equal("Broken", broken.GetProperty("name").GetString());
        Assert.True(broken.GetProperty("required").GetBoolean());
        Assert.False(broken.GetProperty("working").GetBoolean());
        Assert.Contains("libfoo.so.1", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_a_row_per_stack()
    {
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        StackReport[] reports = [.. WithBrokenPart.Select(p => p.Report())];

        StackReportView.WriteTable(console, reports);

        string[] rows = text.ToString().Split('\n');
        Assert.Contains(rows, r => r.Contains("Fine", StringComparison.Ordinal) && r.Contains("ok", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Broken", StringComparison.Ordinal) && r.Contains("broken", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Optional", StringComparison.Ordinal) && r.Contains("unavailable", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<DoctorProbe> probes, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await CliApp.Create(probes).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
