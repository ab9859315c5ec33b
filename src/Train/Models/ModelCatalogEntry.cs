using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Train.Models;

/// <summary>A pretrained model that <c>liveclassify models pull</c> can fetch, pinned by SHA-256.</summary>
/// <param name="Name">The name on the command line, for example "mobilenetv2".</param>
/// <param name="Description">One line for listings.</param>
/// <param name="ModelUrl">Where the ONNX file is.</param>
/// <param name="ModelSha256">Its SHA-256, hexadecimal.</param>
/// <param name="ModelBytes">Its size in bytes.</param>
/// <param name="LabelsUrl">Where the labels are: plain text, one per line, in output order.</param>
/// <param name="LabelsSha256">Their SHA-256, hexadecimal.</param>
/// <param name="Preprocess">How the model's input is made, written to the sidecar contract.</param>
/// <param name="Output">What the model's outputs are.</param>
public sealed record ModelCatalogEntry(
    string Name,
    string Description,
    Uri ModelUrl,
    string ModelSha256,
    long ModelBytes,
    Uri LabelsUrl,
    string LabelsSha256,
    PreprocessSpec Preprocess,
    OutputKind Output)
{
    /// <summary>The model's file name, taken from its URL ("mobilenetv2-12.onnx").</summary>
    public string ModelFileName => Path.GetFileName(ModelUrl.AbsolutePath);

    /// <summary>The labels' file name beside the model ("mobilenetv2-12.labels.txt").</summary>
    public string LabelsFileName => Path.GetFileNameWithoutExtension(ModelFileName) + ".labels.txt";
}
