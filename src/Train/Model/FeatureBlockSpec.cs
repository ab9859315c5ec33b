namespace LiveClassify.Train.Model;

/// <summary>
/// One element of torchvision's <c>features</c> sequence: the stem convolution (index 0), an inverted-residual block
/// (1–17 at full depth) or the final 1×1 convolution (the last index).
/// </summary>
/// <param name="FeatureIndex">Index in <c>features</c>.</param>
/// <param name="Kind">What the block is.</param>
/// <param name="Convolutions">Its convolutions in forward order.</param>
/// <param name="Residual">Whether the block adds its input to its output (stride 1 and same channels).</param>
public sealed record FeatureBlockSpec(int FeatureIndex, FeatureBlockKind Kind, IReadOnlyList<ConvLayerSpec> Convolutions, bool Residual);
