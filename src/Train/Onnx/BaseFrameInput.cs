using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// How a base model that normalises uint8 frames inside its graph (one exported by <c>train</c>) reads them: the
/// frames' channel order, from the contract in its metadata, and its normalisation restated in the trainer's RGB order.
/// </summary>
/// <param name="FrameOrder">Channel order of the uint8 frames the graph takes; its stem convolution reads this order.</param>
/// <param name="Normalization">The same normalisation on RGB pixels: a preset when the values are one, else custom.</param>
internal sealed record BaseFrameInput(ColorOrder FrameOrder, Normalization Normalization)
{
    // 1 / (1 / std) in float32 is within a few ulps of std; presets are told apart by far larger differences.
    private const float PresetTolerance = 1e-4f;

    public static BaseFrameInput Read(FramePrefix prefix, ModelProto model, string source)
    {
        string? json = model.MetadataProps.FirstOrDefault(p => p.Key == ModelMetadataKeys.Contract)?.Value;
        var order = json is null ? null : ModelContractJson.Read(json, source).ColorOrder;
        if (order is not { } frameOrder)
        {
            throw new InvalidDataException(
                $"{source}: its graph takes uint8 frames, but its metadata has no '{ModelMetadataKeys.Contract}' naming their channel order, so the stem's colour channels cannot be told apart.");
        }

        var mean = new ChannelValues(prefix.Mean[0], prefix.Mean[1], prefix.Mean[2]);
        var std = new ChannelValues(1f / prefix.InverseStd[0], 1f / prefix.InverseStd[1], 1f / prefix.InverseStd[2]);
        var rgb = frameOrder == ColorOrder.Bgr
            ? new Normalization("custom", mean.Reversed(), std.Reversed())
            : new Normalization("custom", mean, std);
        try
        {
            rgb.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: its frame normalisation cannot be inverted: {e.Message}", e);
        }

        return new BaseFrameInput(frameOrder, Recognise(rgb));
    }

    private static Normalization Recognise(Normalization rgb) =>
        new[] { Normalization.Tf, Normalization.Torch, Normalization.Raw }
            .FirstOrDefault(preset => Close(preset.Mean, rgb.Mean) && Close(preset.Std, rgb.Std)) ?? rgb;

    private static bool Close(ChannelValues a, ChannelValues b) =>
        Enumerable.Range(0, 3).All(c => Math.Abs(a[c] - b[c]) <= PresetTolerance * Math.Max(1f, Math.Abs(a[c])));
}
