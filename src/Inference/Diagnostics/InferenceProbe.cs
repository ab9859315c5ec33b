using System.Runtime.CompilerServices;
using LiveClassify.Core.Diagnostics;
using LiveClassify.Inference.Providers;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Inference.Diagnostics;

/// <summary>What ONNX Runtime offers on this machine: its version and execution providers, and whether CUDA works.</summary>
public static class InferenceProbe
{
    /// <summary>The stack's name in reports.</summary>
    public const string Name = "ONNX Runtime";

    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>
    /// Loads ONNX Runtime's native library and reports its version, the execution providers this build carries, and
    /// whether CUDA can be used, with the reason when it cannot. Never throws: a library that does not load is a report
    /// that is not working.
    /// </summary>
    public static StackReport Run()
    {
        try
        {
            return Probe();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
            or BadImageFormatException or FileNotFoundException or OnnxRuntimeException)
        {
            return NativeLoadFailure.Report(Name, required: true, e);
        }
    }

    // Not inlined, so that a failure to load the managed ONNX Runtime assembly surfaces inside Run's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StackReport Probe()
    {
        var env = OrtEnv.Instance();
        string[] providers = env.GetAvailableProviders();
        var facts = new List<KeyValuePair<string, string>>
        {
            new("version", env.GetVersionString()),
            new("execution providers", string.Join(", ", providers)),
            new("CUDA", Cuda(providers)),
            new("label and eval", $"{ThroughputPlan.ForThisMachine(ProviderPreference.Auto, workers: 0, batch: 0)} by default"),
        };
        return new StackReport(Name, Required: true, Working: true, facts);
    }

    private static string Cuda(string[] providers)
    {
        bool driver = File.Exists("/proc/driver/nvidia/version");
        if (!providers.Contains(CudaProvider))
        {
            return driver
                ? "no: this is the CPU build of ONNX Runtime; an NVIDIA driver is present, so build with -p:Accelerator=cuda"
                : "no: this is the CPU build of ONNX Runtime, and no NVIDIA driver is loaded";
        }

        try
        {
            // Appending the provider loads the CUDA provider library and its CUDA/cuDNN dependencies: the real test.
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            return "yes (device 0)";
        }
        catch (OnnxRuntimeException e)
        {
            string reason = e.Message.Split('\n')[0].Trim();
            return driver
                ? $"no: the CUDA provider is built in but did not start: {reason}"
                : $"no: the CUDA provider is built in but no NVIDIA driver is loaded ({reason})";
        }
    }
}
