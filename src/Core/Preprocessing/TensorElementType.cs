namespace LiveClassify.Core.Preprocessing;

/// <summary>Element type of the model's input tensor.</summary>
public enum TensorElementType
{
    /// <summary>32-bit float, normalised on the CPU before the model runs.</summary>
    Float32,

    /// <summary>Raw 8-bit pixels; any normalisation happens inside the model's graph.</summary>
    UInt8,
}
