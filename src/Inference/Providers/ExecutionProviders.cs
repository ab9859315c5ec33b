using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Inference.Providers;

/// <summary>
/// Chooses the ONNX Runtime execution provider for a session: CUDA when this build's ONNX Runtime carries the CUDA
/// provider and appending it succeeds, else CPU, with the reason in one line.
/// </summary>
/// <remarks>
/// Which native ONNX Runtime is present is decided at build time (<c>-p:Accelerator=cpu|cuda</c>, recorded in this
/// assembly's metadata), so the reason can say how to get the other one.
/// </remarks>
public static class ExecutionProviders
{
    /// <summary>ONNX Runtime's name of the CUDA provider in <see cref="Available"/>.</summary>
    public const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>The accelerator this assembly was built for: "cpu" or "cuda".</summary>
    public static string BuildAccelerator { get; } =
        typeof(ExecutionProviders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LiveClassify.Accelerator")?.Value ?? "cpu";

    /// <summary>The providers the loaded ONNX Runtime library offers, for example "CPUExecutionProvider".</summary>
    public static IReadOnlyList<string> Available() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>Parses "auto", "cpu" or "cuda" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text; the message lists the accepted names.</exception>
    public static ProviderPreference Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => ProviderPreference.Auto,
        "cpu" => ProviderPreference.Cpu,
        "cuda" => ProviderPreference.Cuda,
        _ => throw new ArgumentException($"--provider '{text}' is not known: use auto, cpu or cuda.", nameof(text)),
    };

    /// <summary>
    /// Appends the chosen provider to <paramref name="options"/> (nothing for CPU, which is always there) and says
    /// which it is and why.
    /// </summary>
    /// <exception cref="ExecutionProviderException">CUDA was required and cannot be used; the message says why.</exception>
    public static ProviderChoice Configure(SessionOptions options, ProviderPreference preference, int cudaDevice = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (preference == ProviderPreference.Cpu)
        {
            return new ProviderChoice(preference, IsCuda: false, "CPU (requested)");
        }

        string? unavailable = CudaUnavailableReason();
        if (unavailable is null)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(cudaDevice);
                return new ProviderChoice(preference, IsCuda: true, $"CUDA (device {cudaDevice})");
            }
            catch (OnnxRuntimeException e)
            {
                unavailable = $"CUDA provider could not be added: {OneLine(e.Message)}";
            }
        }

        return FallBackToCpu(preference, unavailable);
    }

    /// <summary>
    /// The CPU choice after CUDA failed for <paramref name="reason"/>, or, when CUDA was required, the error.
    /// </summary>
    /// <exception cref="ExecutionProviderException"><paramref name="preference"/> is <see cref="ProviderPreference.Cuda"/>.</exception>
    public static ProviderChoice FallBackToCpu(ProviderPreference preference, string reason)
    {
        if (preference == ProviderPreference.Cuda)
        {
            throw new ExecutionProviderException($"--provider cuda cannot be used: {reason}.");
        }

        return new ProviderChoice(preference, IsCuda: false, $"CPU ({reason})");
    }

    /// <summary>What <see cref="Configure"/> would choose, without creating a session (for <c>doctor</c>).</summary>
    /// <exception cref="ExecutionProviderException">CUDA was required and cannot be used.</exception>
    public static ProviderChoice Probe(ProviderPreference preference)
    {
        using var options = new SessionOptions();
        return Configure(options, preference);
    }

    /// <summary>Why CUDA cannot be used, or null when its provider is present in the loaded ONNX Runtime.</summary>
    private static string? CudaUnavailableReason()
    {
        if (BuildAccelerator != "cuda")
        {
            return $"CUDA provider not in this build: built with -p:Accelerator={BuildAccelerator}";
        }

        var available = Available();
        return available.Contains(CudaProviderName)
            ? null
            : $"CUDA provider not in the loaded ONNX Runtime, which offers {string.Join(", ", available)}";
    }

    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
