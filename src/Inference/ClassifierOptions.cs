using LiveClassify.Core.Models;
using LiveClassify.Inference.Providers;

namespace LiveClassify.Inference;

/// <summary>How <see cref="OnnxClassifier.Open"/> loads a model.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Contract fields that override the model's metadata and sidecar (command-line flags).</summary>
    public PartialModelContract? Overrides { get; init; }

    /// <summary><c>--labels FILE</c>: overrides every other source of labels.</summary>
    public string? LabelsPath { get; init; }

    /// <summary>Execution provider request.</summary>
    public ProviderPreference Provider { get; init; } = ProviderPreference.Auto;

    /// <summary>Intra-op threads of the session; 0 lets ONNX Runtime use one per physical core.</summary>
    public int Threads { get; init; }

    /// <summary>Most frames per run; models with a fixed batch of 1 run one frame at a time whatever this says.</summary>
    public int MaxBatch { get; init; } = 1;

    /// <summary>Whether to run the model once at load so the first real frame does not pay for lazy initialisation.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Stamped on every prediction, so a display can tell a hot-swapped model's output from the old one's.</summary>
    public int ModelGeneration { get; init; }

    /// <summary>
    /// Names classes "class_0" … when no source gives labels (for benchmarks and diagnostics) instead of refusing
    /// the model.
    /// </summary>
    public bool GenericLabelsWhenMissing { get; init; }
}
