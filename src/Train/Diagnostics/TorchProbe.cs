using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveClassify.Core.Diagnostics;
using TorchSharp;

namespace LiveClassify.Train.Diagnostics;

/// <summary>What TorchSharp and its libtorch can do here, for `liveclassify doctor`: versions, load status and CUDA.</summary>
public static class TorchProbe
{
    /// <summary>The stack's name in reports.</summary>
    public const string Name = "TorchSharp";

    /// <summary>The name TorchSharp's P/Invoke declarations load, resolved the same way here.</summary>
    private const string NativeLibraryName = "LibTorchSharp";

    private const string GlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>
    /// Loads TorchSharp's native library and libtorch's CPU backend, and reports their versions, the thread count and
    /// whether CUDA can be used, with the reason when it cannot. Never throws: a library that does not load is a report
    /// that is not working, with <see cref="DescribeLoadFailure"/>'s line as its problem.
    /// </summary>
    /// <remarks>libtorch stays loaded in the process afterwards, as it would after any TorchSharp call.</remarks>
    public static StackReport Run()
    {
        var facts = new List<KeyValuePair<string, string>> { new("TorchSharp", TorchSharpVersion()) };
        try
        {
            return Probe(facts);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException
            or EntryPointNotFoundException or BadImageFormatException)
        {
            return new StackReport(Name, Required: true, Working: false, facts, DescribeLoadFailure(e));
        }
    }

    /// <summary>
    /// One line saying why TorchSharp's native library did not load. When the cause is the GLIBCXX_3.4.32 requirement
    /// of <c>libLibTorchSharp.so</c> (a libstdc++ older than GCC 13's), the line says so and how the build avoids it;
    /// other causes are described by <see cref="NativeLoadFailure.Describe"/>.
    /// </summary>
    public static string DescribeLoadFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current.Message.Contains($"`{GlibcxxVersion}' not found", StringComparison.Ordinal))
            {
                return $"libLibTorchSharp.so needs {GlibcxxVersion} (GCC 13's libstdc++) and this system's libstdc++ is older: "
                    + "the build marks that requirement weak in its output folder, so run the program from a build made without "
                    + "-p:PatchTorchSharpGlibcxx=false, not from a copy of the NuGet package's file";
            }
        }

        return NativeLoadFailure.Describe(exception);
    }

    // Not inlined, so that a failure to load the TorchSharp assembly or its native library surfaces inside Run's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StackReport Probe(List<KeyValuePair<string, string>> facts)
    {
        // TorchSharp's own initialisation reports only that the library "did not initialise"; loading it first the way
        // its P/Invoke declarations do gives the loader's reason (a missing file, a symbol version) when it fails.
        NativeLibrary.Load(NativeLibraryName, typeof(torch).Assembly, searchPath: null);
        torch.InitializeDeviceType(DeviceType.CPU);
        facts.Add(new("libtorch", torch.__version__));
        facts.Add(new("CPU threads", torch.get_num_threads().ToString(CultureInfo.InvariantCulture)));
        facts.Add(new("CUDA", Cuda()));
        return new StackReport(Name, Required: true, Working: true, facts);
    }

    private static string Cuda()
    {
        // In the CPU build there is no CUDA backend to load and TryInitializeDeviceType returns false.
        if (torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available())
        {
            return $"yes ({torch.cuda.device_count()} device(s))";
        }

        bool driver = File.Exists("/proc/driver/nvidia/version");
        bool cudaBuild = File.Exists(Path.Combine(AppContext.BaseDirectory, "libtorch_cuda.so"));
        return (cudaBuild, driver) switch
        {
            (false, false) => "no: this is the CPU build of libtorch, and no NVIDIA driver is loaded",
            (false, true) => "no: this is the CPU build of libtorch; an NVIDIA driver is present, so build with -p:Accelerator=cuda",
            (true, false) => "no: this is the CUDA build of libtorch, but no NVIDIA driver is loaded",
            (true, true) => "no: the CUDA build of libtorch and an NVIDIA driver are present, but libtorch found no usable GPU (is the driver too old for its CUDA?)",
        };
    }

    private static string TorchSharpVersion()
    {
        string? version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The informational version may carry "+<commit>"; the package version is the part before it.
        return version?.Split('+')[0] ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
