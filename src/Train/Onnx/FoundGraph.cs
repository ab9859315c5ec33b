namespace LiveClassify.Train.Onnx;

/// <summary>What following an ONNX graph's data flow found: the convolution chain, the pooling and the head.</summary>
/// <param name="InputName">The data input.</param>
/// <param name="InputSize">The input's (height, width) when the file fixes them.</param>
/// <param name="Prefix">The frame normalisation before the first convolution, when the input is a uint8 frame.</param>
/// <param name="Convolutions">Every convolution in forward order.</param>
/// <param name="PooledTensor">The global-average-pooled features: the tensor verification adds as an output.</param>
/// <param name="Head">The linear layer after pooling, when it alone produces a graph output.</param>
/// <param name="HeadOutput">The graph output that <paramref name="Head"/> produces.</param>
/// <param name="HeadNote">Why there is no head, when there is none.</param>
internal sealed record FoundGraph(
    string InputName,
    (int Height, int Width)? InputSize,
    FramePrefix? Prefix,
    IReadOnlyList<FoundConvolution> Convolutions,
    string PooledTensor,
    LinearHeadValues? Head,
    string? HeadOutput,
    string? HeadNote);
