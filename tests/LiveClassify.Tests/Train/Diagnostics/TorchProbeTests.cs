using System.Runtime.InteropServices;
using LiveClassify.Core.Diagnostics;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Diagnostics;

namespace LiveClassify.Tests.Train.Diagnostics;

public sealed class TorchProbeTests
{
    [Fact]
    public void Probe_reports_TorchSharp_and_libtorch_loaded_with_their_versions()
    {
        StackReport report = TorchProbe.Run();

        Assert.True(report.Working, report.Problem);
        Assert.True(report.Required);
        Assert.Equal("TorchSharp", report.Name);
        var facts = report.Facts.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("0.107.0", facts["TorchSharp"]);
        Assert.StartsWith("2.10", facts["libtorch"], StringComparison.Ordinal);
        Assert.True(int.Parse(facts["CPU threads"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public void Probe_says_why_CUDA_is_not_available_on_a_machine_without_a_driver()
    {
        Assert.SkipWhen(File.Exists("/proc/driver/nvidia/version"), "This machine has an NVIDIA driver.");

        StackReport report = TorchProbe.Run();

        Assert.Equal("no: this is the CPU build of libtorch, and no NVIDIA driver is loaded",
            report.Facts.Single(f => f.Key == "CUDA").Value);
    }

    [Fact]
    public void Unpatched_library_fails_to_load_with_a_line_naming_GLIBCXX_3_4_32()
    {
        // The package's own file, beside links to the libtorch it needs: what a build without the patch would hold.
        using var temp = new TempFolder();
        string library = temp.Combine("libLibTorchSharp.so");
        File.Copy(TorchSharpPackage.CachedNativeLibrary(), library);
        foreach (string dependency in Directory.GetFiles(AppContext.BaseDirectory, "lib*.so*"))
        {
            if (Path.GetFileName(dependency) != "libLibTorchSharp.so")
            {
                File.CreateSymbolicLink(temp.Combine(Path.GetFileName(dependency)), dependency);
            }
        }

        DllNotFoundException failure;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(library));
            Assert.Skip("This system's libstdc++ has GLIBCXX_3.4.32: the package's library loads unpatched.");
            return;
        }
        catch (DllNotFoundException e)
        {
            failure = e;
        }

        string line = TorchProbe.DescribeLoadFailure(failure);

        Assert.Contains("GLIBCXX_3.4.32", line, StringComparison.Ordinal);
        Assert.Contains("-p:PatchTorchSharpGlibcxx=false", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Other_load_failures_get_the_general_description()
    {
        var failure = new DllNotFoundException(
            "Unable to load shared library 'LibTorchSharp' or one of its dependencies.\n"
            + "/opt/app/libLibTorchSharp.so: libtorch_cpu.so: cannot open shared object file: No such file or directory\n"
            + "/opt/app/LibTorchSharp: cannot open shared object file: No such file or directory\n");

        string line = TorchProbe.DescribeLoadFailure(failure);

        Assert.Equal(NativeLoadFailure.Describe(failure), line);
        Assert.Contains("libtorch_cpu.so", line, StringComparison.Ordinal);
        Assert.DoesNotContain("GLIBCXX", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Glibcxx_cause_is_found_inside_a_type_initialisation_wrapper()
    {
        var inner = new DllNotFoundException(
            "Unable to load shared library 'LibTorchSharp' or one of its dependencies.\n"
            + "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /opt/app/libLibTorchSharp.so)\n");
        var failure = new TypeInitializationException("TorchSharp.torch", inner);

        Assert.Contains("GLIBCXX_3.4.32", TorchProbe.DescribeLoadFailure(failure), StringComparison.Ordinal);
    }
}
