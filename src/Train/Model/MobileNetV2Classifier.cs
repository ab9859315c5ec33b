using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Model;

/// <summary>
/// MobileNetV2 with a classifier head, as a TorchSharp module whose parameter names are torchvision's
/// (<c>features.*</c>, <c>classifier.*</c>). The backbone and the head can also run separately, which is what the
/// feature cache of head-only training uses.
/// </summary>
/// <remarks>Owns its parameters; dispose it. Like every TorchSharp module, use it from one thread at a time.</remarks>
public sealed class MobileNetV2Classifier : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006, SA1300 // TorchSharp names parameters after fields: keep torchvision's names.
    private readonly TorchSharp.Modules.Sequential features;
    private readonly TorchSharp.Modules.Sequential classifier;
#pragma warning restore IDE1006, SA1300
    private readonly List<(ConvLayerSpec Spec, TorchSharp.Modules.Conv2d Conv, TorchSharp.Modules.BatchNorm2d Norm)> _convolutions = [];

    /// <summary>Builds the network with torchvision's initialisation (Kaiming-normal convolutions, unit BatchNorm).</summary>
    public MobileNetV2Classifier(MobileNetV2Architecture architecture, HeadSpec head)
        : base("MobileNetV2")
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(head);
        Architecture = architecture;
        Head = head.Validated();

        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        foreach (var block in architecture.Blocks)
        {
            nn.Module<Tensor, Tensor> module = block.Kind == FeatureBlockKind.InvertedResidual
                ? new InvertedResidualBlock(block)
                : LayerFactory.ConvBnRelu6(block.Convolutions[0]);
            blocks.Add((block.FeatureIndex.ToString(CultureInfo.InvariantCulture), module));
        }

        features = nn.Sequential(blocks);
        classifier = BuildHead(architecture.FeatureChannels, head);
        RegisterComponents();
        IndexConvolutions();
        Initialise();
    }

    /// <summary>The layer plan.</summary>
    public MobileNetV2Architecture Architecture { get; }

    /// <summary>The head's shape.</summary>
    public HeadSpec Head { get; }

    /// <summary>Every convolution with its BatchNorm, in forward order, matching <see cref="MobileNetV2Architecture.Convolutions"/>.</summary>
    public IReadOnlyList<(ConvLayerSpec Spec, TorchSharp.Modules.Conv2d Conv, TorchSharp.Modules.BatchNorm2d Norm)> Convolutions => _convolutions;

    /// <summary>The <c>features</c> sequence: stem, inverted residuals, final convolution.</summary>
    public TorchSharp.Modules.Sequential Features => features;

    /// <summary>The head: dropout, optional ReLU dense layers, output layer.</summary>
    public TorchSharp.Modules.Sequential Classifier => classifier;

    /// <summary>Image batch [N, 3, H, W] → logits [N, outputs].</summary>
    public override Tensor forward(Tensor input) => classifier.call(ExtractFeatures(input));

    /// <summary>Image batch [N, 3, H, W] → pooled features [N, <see cref="MobileNetV2Architecture.FeatureChannels"/>].</summary>
    public Tensor ExtractFeatures(Tensor input)
    {
        using var maps = features.call(input);
        using var pooled = nn.functional.adaptive_avg_pool2d(maps, [1, 1]);
        return pooled.flatten(1);
    }

    /// <summary>Pooled features → logits through the head alone.</summary>
    public Tensor ClassifyFeatures(Tensor pooledFeatures) => classifier.call(pooledFeatures);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            classifier.Dispose();
        }

        base.Dispose(disposing);
    }

    private static TorchSharp.Modules.Sequential BuildHead(int featureChannels, HeadSpec head)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", nn.Dropout(head.Dropout)) };
        long width = featureChannels;
        foreach (int hidden in head.Hidden)
        {
            layers.Add((Name(layers.Count), nn.Linear(width, hidden)));
            layers.Add((Name(layers.Count), nn.ReLU()));
            width = hidden;
        }

        layers.Add((Name(layers.Count), nn.Linear(width, head.Outputs)));
        return nn.Sequential(layers);

        static string Name(int index) => index.ToString(CultureInfo.InvariantCulture);
    }

    private void IndexConvolutions()
    {
        var modules = named_modules().ToDictionary(m => m.name, m => m.module);
        foreach (var spec in Architecture.Convolutions)
        {
            // A Conv2dNormActivation names its conv "<path>.0" and its BatchNorm "<path>.1"; a projection conv
            // "<path>.<i>" is followed by its BatchNorm at "<path>.<i+1>".
            string normName = spec.Relu6
                ? spec.Name[..^1] + "1"
                : NextSibling(spec.Name);
            _convolutions.Add((spec, (TorchSharp.Modules.Conv2d)modules[spec.Name], (TorchSharp.Modules.BatchNorm2d)modules[normName]));
        }

        static string NextSibling(string name)
        {
            int dot = name.LastIndexOf('.');
            int index = int.Parse(name[(dot + 1)..], CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{name[..dot]}.{index + 1}");
        }
    }

    private void Initialise()
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, conv, norm) in _convolutions)
        {
            nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
            nn.init.ones_(norm.weight);
            nn.init.zeros_(norm.bias);
        }

        foreach (var module in classifier.modules().OfType<TorchSharp.Modules.Linear>())
        {
            nn.init.normal_(module.weight, 0, 0.01);
            if (module.bias is not null)
            {
                nn.init.zeros_(module.bias);
            }
        }
    }
}
