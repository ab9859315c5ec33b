namespace LiveClassify.Inference.Contracts;

/// <summary>The fields of a model contract whose origin is recorded.</summary>
public enum ContractField
{
    /// <summary>Input width and height.</summary>
    Size,

    /// <summary>Resize mode.</summary>
    Resize,

    /// <summary>Channel order.</summary>
    ColorOrder,

    /// <summary>Pixel scaling.</summary>
    Normalization,

    /// <summary>NCHW or NHWC.</summary>
    Layout,

    /// <summary>float32 or uint8.</summary>
    ElementType,

    /// <summary>Letterbox padding value.</summary>
    LetterboxFill,

    /// <summary>Class names.</summary>
    Labels,

    /// <summary>Logits, probabilities or sigmoid.</summary>
    Output,
}
