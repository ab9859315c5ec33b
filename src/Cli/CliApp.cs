using System.CommandLine;
using LiveClassify.Cli.Commands;
using LiveClassify.Cli.Diagnostics;

namespace LiveClassify.Cli;

/// <summary>The `liveclassify` command line: the root command and one subcommand per file under Commands/.</summary>
public static class CliApp
{
    /// <summary>The command line the program runs.</summary>
    public static RootCommand Create() => Create(DoctorProbes.All);

    /// <summary>The command line with `doctor` over the given probes, so tests can add a failing one.</summary>
    public static RootCommand Create(IReadOnlyList<DoctorProbe> probes) =>
        new("LiveClassify: real-time image classification from a camera, a video or images, on Linux.")
        {
            DoctorCommand.Create(probes),
            PredictCommand.Create(),
            LabelCommand.Create(),
            MergeCommand.Create(),
            BenchCommand.Create(),
            LiveCommand.Create(),
            ModelsCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            DatasetsCommand.Create(),
            CaptureCommand.Create(),
            ReviewCommand.Create(),
            SessionCommand.Create(),
            DemoCommand.Create(),
        };
}
