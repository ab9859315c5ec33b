using System.Globalization;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// One convolution as found by following the data flow of an ONNX graph, with what comes right after it: an
/// optional BatchNormalization, an optional ReLU6 (<c>Clip</c> 0..6) and an optional residual <c>Add</c>.
/// </summary>
/// <param name="InputTensor">The tensor the convolution reads.</param>
/// <param name="WeightShape">[out, in/groups, kh, kw].</param>
/// <param name="Weight">Weights in that shape, row-major.</param>
/// <param name="Bias">The convolution's own bias, when the file has one (always, when BatchNorm was folded).</param>
/// <param name="Strides">Strides per spatial axis.</param>
/// <param name="Pads">Pads [top, left, bottom, right].</param>
/// <param name="Dilations">Dilations per spatial axis.</param>
/// <param name="Groups">Convolution groups.</param>
/// <param name="Norm">The BatchNormalization that follows, when the file keeps it.</param>
/// <param name="Relu6">Whether a Clip to [0, 6] follows.</param>
/// <param name="ResidualInput">The other operand of the residual Add that follows, or null without one.</param>
internal sealed record FoundConvolution(
    string InputTensor,
    long[] WeightShape,
    float[] Weight,
    float[]? Bias,
    long[] Strides,
    long[] Pads,
    long[] Dilations,
    int Groups,
    BatchNormValues? Norm,
    bool Relu6,
    string? ResidualInput)
{
    /// <summary>For messages: "weight [96,1,3,3] stride 2 groups 96 pads 1 ReLU6 residual".</summary>
    public string Describe() => Describe(WeightShape, Strides, Groups, Pads, Relu6, ResidualInput is not null) +
        (Dilations.Any(d => d != 1) ? $" dilations [{string.Join(",", Dilations)}]" : string.Empty);

    /// <summary>The same description for an expected layer.</summary>
    public static string Describe(long[] shape, long[] strides, int groups, long[] pads, bool relu6, bool residual) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"weight [{string.Join(",", shape)}] stride {string.Join("x", strides.Distinct())} groups {groups} pads [{string.Join(",", pads)}] {(relu6 ? "ReLU6" : "linear")}{(residual ? " + residual" : string.Empty)}");
}
