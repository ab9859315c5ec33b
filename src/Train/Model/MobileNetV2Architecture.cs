using System.Globalization;

namespace LiveClassify.Train.Model;

/// <summary>
/// MobileNetV2's layer plan for a width multiplier, laid out exactly like torchvision's <c>mobilenet_v2</c> (same
/// channel rounding, same module names), so weights exported from torchvision line up position by position and
/// name by name.
/// </summary>
public sealed class MobileNetV2Architecture
{
    /// <summary>Smallest input side the trainer accepts.</summary>
    public const int MinInputSize = 32;

    /// <summary>Largest input side the trainer accepts.</summary>
    public const int MaxInputSize = 224;

    // (expansion t, channels c, repeats n, first stride s) of the paper's Table 2.
    private static readonly (int T, int C, int N, int S)[] InvertedResidualSetting =
    [
        (1, 16, 1, 1),
        (6, 24, 2, 2),
        (6, 32, 3, 2),
        (6, 64, 4, 2),
        (6, 96, 3, 1),
        (6, 160, 3, 2),
        (6, 320, 1, 1),
    ];

    private MobileNetV2Architecture(double widthMultiplier, IReadOnlyList<FeatureBlockSpec> blocks, int featureChannels)
    {
        WidthMultiplier = widthMultiplier;
        Blocks = blocks;
        Convolutions = [.. blocks.SelectMany(b => b.Convolutions)];
        FeatureChannels = featureChannels;
    }

    /// <summary>The width multiplier (1.0 is the standard network).</summary>
    public double WidthMultiplier { get; }

    /// <summary>The elements of <c>features</c>, in order.</summary>
    public IReadOnlyList<FeatureBlockSpec> Blocks { get; }

    /// <summary>Every convolution in forward order (52 for MobileNetV2).</summary>
    public IReadOnlyList<ConvLayerSpec> Convolutions { get; }

    /// <summary>Width of the pooled feature vector the head sees (1280 for width ≤ 1).</summary>
    public int FeatureChannels { get; }

    /// <summary>Number of inverted-residual blocks (17).</summary>
    public int InvertedResidualCount => Blocks.Count(b => b.Kind == FeatureBlockKind.InvertedResidual);

    /// <summary>Builds the plan for a width multiplier between 0.1 and 2.</summary>
    public static MobileNetV2Architecture Create(double widthMultiplier)
    {
        if (widthMultiplier is < 0.1 or > 2.0 || double.IsNaN(widthMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "The width multiplier must be between 0.1 and 2.");
        }

        var blocks = new List<FeatureBlockSpec>();
        int convIndex = 0;
        int input = MakeDivisible(32 * widthMultiplier);
        blocks.Add(new FeatureBlockSpec(0, FeatureBlockKind.Stem, [Conv(ref convIndex, "features.0.0", 3, input, 3, 2, 1, true)], false));

        foreach (var (t, c, n, s) in InvertedResidualSetting)
        {
            int output = MakeDivisible(c * widthMultiplier);
            for (int i = 0; i < n; i++)
            {
                int featureIndex = blocks.Count;
                int stride = i == 0 ? s : 1;
                int hidden = (int)Math.Round(input * (double)t, MidpointRounding.ToEven);
                string prefix = string.Create(CultureInfo.InvariantCulture, $"features.{featureIndex}.conv");
                var convs = new List<ConvLayerSpec>();
                int layer = 0;
                if (t != 1)
                {
                    convs.Add(Conv(ref convIndex, $"{prefix}.{layer++}.0", input, hidden, 1, 1, 1, true));
                }

                convs.Add(Conv(ref convIndex, $"{prefix}.{layer++}.0", hidden, hidden, 3, stride, hidden, true));
                convs.Add(Conv(ref convIndex, $"{prefix}.{layer}", hidden, output, 1, 1, 1, false));
                blocks.Add(new FeatureBlockSpec(featureIndex, FeatureBlockKind.InvertedResidual, convs, stride == 1 && input == output));
                input = output;
            }
        }

        int last = MakeDivisible(1280 * Math.Max(1.0, widthMultiplier));
        int finalIndex = blocks.Count;
        blocks.Add(new FeatureBlockSpec(
            finalIndex,
            FeatureBlockKind.FinalConvolution,
            [Conv(ref convIndex, string.Create(CultureInfo.InvariantCulture, $"features.{finalIndex}.0"), input, last, 1, 1, 1, true)],
            false));
        return new MobileNetV2Architecture(widthMultiplier, blocks, last);
    }

    /// <summary>torchvision's <c>_make_divisible</c>: round to a multiple of 8, never more than 10% down.</summary>
    public static int MakeDivisible(double value, int divisor = 8)
    {
        int rounded = Math.Max(divisor, (int)(value + (divisor / 2.0)) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    private static ConvLayerSpec Conv(ref int index, string name, int input, int output, int kernel, int stride, int groups, bool relu6) =>
        new(index++, name, input, output, kernel, stride, groups, relu6);
}
