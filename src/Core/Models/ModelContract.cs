using LiveClassify.Core.Labels;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Core.Models;

/// <summary>
/// Everything a program needs to use a classifier correctly: how to preprocess frames, what the outputs mean and what
/// the classes are called. The trainer writes it into the exported model; readers resolve it from the model's
/// metadata, a sidecar file and command-line flags (<see cref="PartialModelContract"/>).
/// </summary>
public sealed record ModelContract(PreprocessSpec Preprocess, LabelMap Labels, OutputKind Output)
{
    /// <summary>The contract with every field set, for writing into a model or sidecar.</summary>
    public PartialModelContract ToPartial() => new()
    {
        Width = Preprocess.Width,
        Height = Preprocess.Height,
        Resize = Preprocess.Resize,
        ColorOrder = Preprocess.ColorOrder,
        Normalization = Preprocess.Normalization,
        Layout = Preprocess.Layout,
        ElementType = Preprocess.ElementType,
        LetterboxFill = Preprocess.LetterboxFill,
        Labels = Labels.Names,
        Output = Output,
    };
}
