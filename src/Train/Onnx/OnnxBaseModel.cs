using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// An ONNX file recognised as torchvision's MobileNetV2: its width, its convolutions in forward order and, when it
/// has one, its linear head. Read with <see cref="OnnxImporter.Read"/>; load into a model with
/// <see cref="OnnxImporter.Import"/>.
/// </summary>
public sealed class OnnxBaseModel
{
    internal OnnxBaseModel(string path, ModelProto model, FoundGraph graph, MobileNetV2Architecture architecture, string? headNote, BaseFrameInput? frameInput)
    {
        FrameInput = frameInput;
        Path = path;
        Model = model;
        Graph = graph;
        Architecture = architecture;
        HeadNote = headNote;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The layer plan the file matches; build the model to import into with it.</summary>
    public MobileNetV2Architecture Architecture { get; }

    /// <summary>The input height and width when the file fixes them (verification runs at that size).</summary>
    public (int Height, int Width)? InputSize => Graph.InputSize;

    /// <summary>Output count of the file's linear head, or null when it has none that can be imported.</summary>
    public int? HeadClasses => HeadNote is null ? Graph.Head?.Classes : null;

    /// <summary>Why the head cannot be imported, or null when it can.</summary>
    public string? HeadNote { get; }

    /// <summary>
    /// The normalisation the file applies to uint8 frames inside its graph (a model exported by <c>train</c>), on RGB
    /// pixels; training from this base must use it. Null when the file takes normalised tensors.
    /// </summary>
    public Normalization? FrameNormalization => FrameInput?.Normalization;

    /// <summary>How many convolutions are followed by a BatchNormalization node (0 for a folded export).</summary>
    public int BatchNormCount => Graph.Convolutions.Count(c => c.Norm is not null);

    internal ModelProto Model { get; }

    internal FoundGraph Graph { get; }

    internal BaseFrameInput? FrameInput { get; }
}
