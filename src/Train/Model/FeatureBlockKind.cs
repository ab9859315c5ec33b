namespace LiveClassify.Train.Model;

/// <summary>The three kinds of element in MobileNetV2's <c>features</c>.</summary>
public enum FeatureBlockKind
{
    /// <summary>The first 3×3 stride-2 convolution.</summary>
    Stem,

    /// <summary>An inverted-residual block: optional 1×1 expansion, 3×3 depthwise, 1×1 linear projection.</summary>
    InvertedResidual,

    /// <summary>The last 1×1 convolution to the feature width (1280 at width ≤ 1).</summary>
    FinalConvolution,
}
