namespace LiveClassify.Inference.Providers;

/// <summary>What the user asked for with <c>--provider auto|cpu|cuda</c>.</summary>
public enum ProviderPreference
{
    /// <summary>CUDA when this build carries it and it starts, else CPU.</summary>
    Auto,

    /// <summary>CPU only, even when CUDA is available.</summary>
    Cpu,

    /// <summary>CUDA or an error: never a silent fall back to CPU.</summary>
    Cuda,
}
