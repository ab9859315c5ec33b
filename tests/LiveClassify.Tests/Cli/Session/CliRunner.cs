using System.CommandLine;
using LiveClassify.Cli;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>Runs `liveclassify ARGS` in-process and returns the exit code and both streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = CliApp.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
