using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Model;

/// <summary>Builds the TorchSharp layers of a <see cref="ConvLayerSpec"/> with torchvision's child names.</summary>
internal static class LayerFactory
{
    /// <summary>BatchNorm epsilon, torchvision's default; the ONNX exporter folds with the same value.</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>The convolution alone, without bias (a BatchNorm follows).</summary>
    public static TorchSharp.Modules.Conv2d Conv(ConvLayerSpec spec) =>
        nn.Conv2d(spec.InChannels, spec.OutChannels, spec.Kernel, stride: spec.Stride, padding: spec.Padding, groups: spec.Groups, bias: false);

    /// <summary>The BatchNorm after a convolution.</summary>
    public static TorchSharp.Modules.BatchNorm2d BatchNorm(ConvLayerSpec spec) => nn.BatchNorm2d(spec.OutChannels, eps: BatchNormEpsilon);

    /// <summary>torchvision's Conv2dNormActivation: children "0" conv, "1" BatchNorm, "2" ReLU6.</summary>
    public static nn.Module<Tensor, Tensor> ConvBnRelu6(ConvLayerSpec spec) =>
        nn.Sequential(("0", Conv(spec)), ("1", BatchNorm(spec)), ("2", nn.ReLU6()));
}
