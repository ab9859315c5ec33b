using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Model;

/// <summary>
/// MobileNetV2's inverted residual: 1×1 expansion (unless t = 1), 3×3 depthwise, 1×1 linear projection, and the
/// input added back when the block keeps stride and width. The field is named <c>conv</c> like torchvision's.
/// </summary>
internal sealed class InvertedResidualBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // TorchSharp names parameters after fields: keep torchvision's names.
    private readonly nn.Module<Tensor, Tensor> conv;
#pragma warning restore IDE1006, SA1300
    private readonly bool _residual;

    public InvertedResidualBlock(FeatureBlockSpec spec)
        : base("InvertedResidual")
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        foreach (var layer in spec.Convolutions)
        {
            if (layer.Relu6)
            {
                layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), LayerFactory.ConvBnRelu6(layer)));
            }
            else
            {
                layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), LayerFactory.Conv(layer)));
                layers.Add((layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), LayerFactory.BatchNorm(layer)));
            }
        }

        conv = nn.Sequential(layers);
        _residual = spec.Residual;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _residual ? input + conv.call(input) : conv.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv.Dispose();
        }

        base.Dispose(disposing);
    }
}
