using System.Globalization;

namespace LiveClassify.Train.Onnx;

/// <summary>What an import loaded and how closely the imported model reproduces the file.</summary>
/// <param name="Path">The ONNX file.</param>
/// <param name="WidthMultiplier">The width the file was recognised as.</param>
/// <param name="Convolutions">Convolutions loaded.</param>
/// <param name="BatchNorms">Of those, how many came with their own BatchNormalization node.</param>
/// <param name="HeadImported">Whether the linear head was loaded too (the class counts matched).</param>
/// <param name="HeadNote">Why the head was not loaded, when it was not.</param>
/// <param name="VerifiedSize">Input side at which the models were compared.</param>
/// <param name="FeaturesMaxAbsDiff">Largest absolute difference of the pooled features, TorchSharp vs ONNX Runtime.</param>
/// <param name="LogitsMaxAbsDiff">The same for the head's outputs, when the head was imported.</param>
public sealed record OnnxImportReport(
    string Path,
    double WidthMultiplier,
    int Convolutions,
    int BatchNorms,
    bool HeadImported,
    string? HeadNote,
    (int Height, int Width) VerifiedSize,
    double FeaturesMaxAbsDiff,
    double? LogitsMaxAbsDiff)
{
    /// <summary>One line for the log.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"imported {System.IO.Path.GetFileName(Path)}: MobileNetV2 width {WidthMultiplier}, {Convolutions} convolutions ({(BatchNorms > 0 ? $"{BatchNorms} BatchNorm nodes" : "BatchNorm folded")}), head {(HeadImported ? "imported" : $"not imported ({HeadNote})")}; verified against ONNX Runtime at {VerifiedSize.Height}x{VerifiedSize.Width}: features max abs diff {FeaturesMaxAbsDiff:G3}{(LogitsMaxAbsDiff is { } l ? $", logits {l:G3}" : string.Empty)}");
}
