using System.Diagnostics;
using LiveClassify.Build;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Build;

/// <summary>The patch as the build runs it: a real <c>dotnet publish</c> of the training library.</summary>
[Trait("Category", "Slow")]
public sealed class TorchSharpGlibcxxBuildTests
{
    [Fact]
    public void Publish_output_holds_a_patched_library()
    {
        using var temp = new TempFolder();

        Publish(temp.Path);

        // A copy, so that checking does not change the published file: the patch finds nothing left to do.
        string copy = temp.Combine("check.so");
        File.Copy(Path.Combine(temp.Path, "libLibTorchSharp.so"), copy);
        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.AlreadyWeak, TorchSharpGlibcxxPatch.PatchFile(copy));
    }

    [Fact]
    public void Publish_with_the_patch_switched_off_leaves_the_library_as_packaged()
    {
        using var temp = new TempFolder();

        Publish(temp.Path, "-p:PatchTorchSharpGlibcxx=false");

        string copy = temp.Combine("check.so");
        File.Copy(Path.Combine(temp.Path, "libLibTorchSharp.so"), copy);
        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.Patched, TorchSharpGlibcxxPatch.PatchFile(copy));
    }

    private static void Publish(string output, params string[] extra)
    {
        string project = Path.Combine(RepositoryRoot(), "src", "Train", "LiveClassify.Train.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-o", output, "--nologo", "-v", "quiet", .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stderr = publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{stdout.Result}\n{stderr}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LiveClassify.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LiveClassify.sln above {AppContext.BaseDirectory}");
    }
}
