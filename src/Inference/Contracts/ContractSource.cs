namespace LiveClassify.Inference.Contracts;

/// <summary>
/// Where a contract field came from. Sources are layered in this order, later ones winning field by field:
/// metadata, then sidecar, then flags; fields none of them set are read from the model's tensors or defaulted.
/// </summary>
public enum ContractSource
{
    /// <summary>The model's ONNX <c>metadata_props</c> (written by the trainer).</summary>
    Metadata,

    /// <summary>The JSON sidecar next to the model (<c>model.onnx.json</c>).</summary>
    Sidecar,

    /// <summary>Command-line flags or the caller's overrides.</summary>
    Flags,

    /// <summary>Read from the model's input or output tensor (shape, element type).</summary>
    Model,

    /// <summary>Not given anywhere: a default, or implied by another field (colour order by the preset).</summary>
    Default,
}
