using System.Globalization;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Inference.Contracts;

/// <summary>
/// The contract flags every model-loading command takes, as typed: <c>--labels</c>, <c>--preprocess</c>,
/// <c>--mean</c>/<c>--std</c>, <c>--resize</c> and <c>--size</c>. Each one given overrides the model's metadata and
/// sidecar for that field.
/// </summary>
public sealed record ContractFlags
{
    /// <summary><c>--labels FILE</c>: a JSON array or one label per line.</summary>
    public string? LabelsPath { get; init; }

    /// <summary><c>--preprocess tf|torch|caffe|raw</c>.</summary>
    public string? Preprocess { get; init; }

    /// <summary><c>--mean a,b,c</c> in the 0–1 scale (pixel / 255 first), model channel order.</summary>
    public string? Mean { get; init; }

    /// <summary><c>--std a,b,c</c> in the 0–1 scale.</summary>
    public string? Std { get; init; }

    /// <summary><c>--resize stretch|crop|letterbox</c>.</summary>
    public string? Resize { get; init; }

    /// <summary><c>--size N</c> or <c>--size WxH</c>.</summary>
    public string? Size { get; init; }

    /// <summary>
    /// The preprocessing fields these flags set (labels travel separately as <see cref="LabelsPath"/> so errors can
    /// name the file). A preset also sets its colour order: BGR for caffe, RGB for the others.
    /// </summary>
    /// <exception cref="ArgumentException">A flag's value is not understood; the message names the flag.</exception>
    public PartialModelContract ToOverrides()
    {
        var (width, height) = ParseSize(Size);
        var normalization = ParseNormalization();
        return new PartialModelContract
        {
            Width = width,
            Height = height,
            Resize = ParseResize(Resize),
            Normalization = normalization,
            ColorOrder = Preprocess is null ? null : normalization!.ImpliedColorOrder,
        };
    }

    private Normalization? ParseNormalization()
    {
        if (Preprocess is not null)
        {
            if (Mean is not null || Std is not null)
            {
                throw new ArgumentException("Give either --preprocess or --mean with --std, not both.");
            }

            try
            {
                return Normalization.FromPreset(Preprocess);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--preprocess: {e.Message}", e);
            }
        }

        if (Mean is null && Std is null)
        {
            return null;
        }

        if (Mean is null || Std is null)
        {
            throw new ArgumentException("--mean and --std go together: give both (0-1 scale, for example --mean 0.485,0.456,0.406 --std 0.229,0.224,0.225).");
        }

        try
        {
            return Normalization.FromUnitMeanStd(ChannelValues.Parse(Mean), ChannelValues.Parse(Std));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ArgumentException($"--mean/--std: {e.Message}", e);
        }
    }

    private static ResizeMode? ParseResize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "stretch" => ResizeMode.Stretch,
            "crop" => ResizeMode.Crop,
            "letterbox" => ResizeMode.Letterbox,
            _ => throw new ArgumentException($"--resize '{text}' is not known: use stretch, crop or letterbox."),
        };
    }

    private static (int? Width, int? Height) ParseSize(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && width is > 0 and <= PreprocessSpec.MaxSide
            && height is > 0 and <= PreprocessSpec.MaxSide)
        {
            return (width, height);
        }

        throw new ArgumentException($"--size '{text}' is not N or WxH with sides 1..{PreprocessSpec.MaxSide}.");
    }
}
