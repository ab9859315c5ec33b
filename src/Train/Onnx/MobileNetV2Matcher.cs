using System.Globalization;
using LiveClassify.Train.Model;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Recognises the width multiplier of a convolution chain found in a file by building torchvision's layer plan for
/// candidate widths and comparing every convolution: shape, stride, groups, padding, ReLU6 and residual wiring.
/// </summary>
internal static class MobileNetV2Matcher
{
    // Published widths first, so a file matching several equivalent widths reports the familiar one.
    private static readonly double[] PreferredWidths = [1.0, 0.75, 0.5, 0.35, 1.4, 1.3, 0.25];

    public static MobileNetV2Architecture Match(FoundGraph graph, string source)
    {
        MobileNetV2Architecture? closest = null;
        (int Matching, string? Problem) closestResult = (-1, null);
        foreach (double width in Candidates())
        {
            var architecture = MobileNetV2Architecture.Create(width);
            var result = Compare(architecture, graph.Convolutions);
            if (result.Problem is null)
            {
                return architecture;
            }

            // The closest plan is the one most convolutions agree with, so one odd layer is reported as such.
            if (result.Matching > closestResult.Matching)
            {
                (closest, closestResult) = (architecture, result);
            }
        }

        throw new InvalidDataException(string.Create(
            CultureInfo.InvariantCulture,
            $"{source}: not a torchvision MobileNetV2 (closest: width {closest!.WidthMultiplier}): {closestResult.Problem}."));
    }

    private static IEnumerable<double> Candidates()
    {
        foreach (double width in PreferredWidths)
        {
            yield return width;
        }

        for (int hundredths = 10; hundredths <= 200; hundredths++)
        {
            yield return hundredths / 100.0;
        }
    }

    /// <summary>How many convolutions agree with the plan, and the first disagreement (null when all agree).</summary>
    private static (int Matching, string? Problem) Compare(MobileNetV2Architecture architecture, IReadOnlyList<FoundConvolution> found)
    {
        var blockStart = new Dictionary<int, int>();
        foreach (var block in architecture.Blocks.Where(b => b.Residual))
        {
            blockStart[block.Convolutions[^1].Index] = block.Convolutions[0].Index;
        }

        int count = Math.Min(found.Count, architecture.Convolutions.Count);
        int matching = 0;
        string? problem = null;
        for (int i = 0; i < count; i++)
        {
            var spec = architecture.Convolutions[i];
            var conv = found[i];
            bool residual = blockStart.TryGetValue(i, out int start);
            long[] pads = [spec.Padding, spec.Padding, spec.Padding, spec.Padding];
            bool same = conv.WeightShape.SequenceEqual(spec.WeightShape)
                && conv.Strides.All(s => s == spec.Stride)
                && conv.Groups == spec.Groups
                && conv.Pads.SequenceEqual(pads)
                && conv.Dilations.All(d => d == 1)
                && conv.Relu6 == spec.Relu6
                && (conv.ResidualInput is not null) == residual
                && (!residual || conv.ResidualInput == found[start].InputTensor);
            if (same)
            {
                matching++;
            }
            else
            {
                string expected = FoundConvolution.Describe(spec.WeightShape, [spec.Stride], spec.Groups, pads, spec.Relu6, residual);
                problem ??= string.Create(CultureInfo.InvariantCulture, $"convolution {i + 1} ({spec.Name}) expected {expected}, found {conv.Describe()}");
            }
        }

        if (found.Count != architecture.Convolutions.Count)
        {
            problem ??= string.Create(CultureInfo.InvariantCulture, $"expected {architecture.Convolutions.Count} convolutions, found {found.Count}");
        }

        return (matching, problem);
    }
}
