using System.Diagnostics;
using System.Text.Json;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Foundation;

/// <summary>
/// The -p:Accelerator switch: MSBuild evaluates each project that uses a native inference or training library and
/// the test reads which packages the evaluation selected. The CUDA packages are not in the package source here, so
/// this checks the project logic, not a CUDA restore.
/// </summary>
public sealed class AcceleratorSwitchTests
{
    private const string Inference = "src/Inference/LiveClassify.Inference.csproj";
    private const string Train = "src/Train/LiveClassify.Train.csproj";

    [Theory]
    [InlineData(Inference, "cpu", new[] { "Microsoft.ML.OnnxRuntime" }, new[] { "Microsoft.ML.OnnxRuntime.Gpu.Linux" })]
    [InlineData(Inference, "cuda", new[] { "Microsoft.ML.OnnxRuntime.Gpu.Linux" }, new[] { "Microsoft.ML.OnnxRuntime" })]
    [InlineData(Train, "cpu", new[] { "TorchSharp", "libtorch-cpu-linux-x64" }, new[] { "TorchSharp-cuda-linux" })]
    [InlineData(Train, "cuda", new[] { "TorchSharp-cuda-linux" }, new[] { "TorchSharp", "libtorch-cpu-linux-x64" })]
    public async Task Each_setting_selects_its_native_packages(string project, string accelerator, string[] selected, string[] absent)
    {
        var (exitCode, output) = await MsBuildAsync(project, "-getItem:PackageReference", $"-p:Accelerator={accelerator}");

        Assert.True(exitCode == 0, output);
        var ids = JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("PackageReference")
            .EnumerateArray().Select(item => item.GetProperty("Identity").GetString()).ToHashSet();
        Assert.All(selected, id => Assert.Contains(id, ids));
        Assert.All(absent, id => Assert.DoesNotContain(id, ids));
    }

    [Fact]
    public async Task The_default_is_the_cpu_build()
    {
        var (exitCode, output) = await MsBuildAsync(Inference, "-getProperty:Accelerator");

        Assert.True(exitCode == 0, output);
        Assert.Equal("cpu", output.Trim());
    }

    [Fact]
    public async Task An_unknown_accelerator_fails_package_collection_with_a_clear_error()
    {
        // CollectPackageReferences is the target restore runs to gather packages; the check hangs on it.
        var (exitCode, output) = await MsBuildAsync(Inference, "-t:CollectPackageReferences", "-p:Accelerator=rocm");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Accelerator='rocm' is not known", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> MsBuildAsync(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in (string[])["msbuild", RepoRoot.File(project), "-nologo", "-nodeReuse:false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // Under `dotnet test` the host's MSBuild variables would point the child at the host's MSBuild.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
