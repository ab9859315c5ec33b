namespace LiveClassify.Train.Model;

/// <summary>
/// One convolution of MobileNetV2 with its BatchNorm and optional ReLU6, in forward order. The same list drives the
/// TorchSharp model, the ONNX importer (which matches a file's convolutions to it by position) and the exporter.
/// </summary>
/// <param name="Index">Position among all convolutions, 0-based, in forward order.</param>
/// <param name="Name">torchvision's module path, for example "features.2.conv.1.0", so weights line up by name too.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Kernel">Square kernel size (1 or 3).</param>
/// <param name="Stride">Stride (1 or 2).</param>
/// <param name="Groups">Groups: 1, or <paramref name="InChannels"/> for depthwise convolutions.</param>
/// <param name="Relu6">Whether ReLU6 follows (false for the linear bottleneck projections).</param>
public sealed record ConvLayerSpec(
    int Index,
    string Name,
    int InChannels,
    int OutChannels,
    int Kernel,
    int Stride,
    int Groups,
    bool Relu6)
{
    /// <summary>Padding that keeps the spatial size at stride 1 ("same" for odd kernels).</summary>
    public int Padding => (Kernel - 1) / 2;

    /// <summary>Number of weights: out × in/groups × k × k.</summary>
    public int WeightCount => OutChannels * (InChannels / Groups) * Kernel * Kernel;

    /// <summary>Weight tensor shape in ONNX/PyTorch order [out, in/groups, k, k].</summary>
    public long[] WeightShape => [OutChannels, InChannels / Groups, Kernel, Kernel];
}
