using Google.Protobuf;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx.Proto;

namespace LiveClassify.Train.Onnx;

/// <summary>
/// Imports pretrained MobileNetV2 weights from an ONNX file by graph topology: the convolutions are found by
/// following the data flow from the input, not by tensor names, so torchvision exports with BatchNorm kept or folded
/// (and files renamed by other tools) all import, and so do models exported by <c>train</c>, whose graph takes uint8 frames.
/// Every import is verified against ONNX Runtime.
/// </summary>
public static class OnnxImporter
{
    /// <summary>Largest absolute difference accepted between the imported model and the file, on features and logits.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Reads a file and recognises it as MobileNetV2, without loading anything into a model.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not ONNX or not MobileNetV2-shaped; the message names what was expected and found.</exception>
    public static OnnxBaseModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such ONNX file.", path);
        }

        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path}: not an ONNX model ({e.Message}).", e);
        }

        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new InvalidDataException($"{path}: not an ONNX model (no graph).");
        }

        var graph = OnnxGraphWalker.Walk(model.Graph, path);
        var frameInput = graph.Prefix is { } prefix ? BaseFrameInput.Read(prefix, model, path) : null;
        if (frameInput?.FrameOrder == ColorOrder.Bgr)
        {
            // The trainer feeds RGB tensors; the stem of a BGR-frame export reads its channels the other way round.
            var stem = graph.Convolutions[0];
            graph = graph with { Convolutions = [stem with { Weight = StemChannels.Reversed(stem.Weight, stem.WeightShape) }, .. graph.Convolutions.Skip(1)] };
        }

        var architecture = MobileNetV2Matcher.Match(graph, path);
        string? headNote = graph.Head is null ? graph.HeadNote
            : graph.Head.Features != architecture.FeatureChannels ? $"its linear layer takes {graph.Head.Features} features, not {architecture.FeatureChannels}"
            : null;
        return new OnnxBaseModel(path, model, graph, architecture, headNote, frameInput);
    }

    /// <summary>
    /// Loads the file's weights into <paramref name="model"/> and verifies the result: the backbone's pooled features
    /// (and the logits, when the head was loaded) are compared with ONNX Runtime's on seeded random inputs.
    /// </summary>
    /// <param name="source">A file read with <see cref="Read"/>.</param>
    /// <param name="model">A model built with <see cref="OnnxBaseModel.Architecture"/>. The head is loaded when it has no
    /// hidden layers and as many outputs as the file's head; otherwise it keeps its own initialisation.</param>
    /// <param name="seed">Seed of the verification inputs.</param>
    /// <returns>What was loaded and the measured differences.</returns>
    /// <exception cref="OnnxImportRefusedException">A difference exceeds <see cref="Tolerance"/>; the model's weights are
    /// then those of the file but must not be used.</exception>
    public static OnnxImportReport Import(OnnxBaseModel source, MobileNetV2Classifier model, int seed = 20_260_101)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Architecture.Convolutions.SequenceEqual(source.Architecture.Convolutions))
        {
            throw new ArgumentException(
                $"{source.Path} is MobileNetV2 width {source.Architecture.WidthMultiplier}; the model was built for width {model.Architecture.WidthMultiplier}.",
                nameof(model));
        }

        OnnxWeightLoader.LoadConvolutions(source.Graph.Convolutions, model);
        string? headNote = source.HeadNote;
        if (headNote is null && model.Head.Hidden.Count > 0)
        {
            headNote = "the model's head has hidden layers";
        }
        else if (headNote is null && source.Graph.Head!.Classes != model.Head.Outputs)
        {
            headNote = $"the file has {source.Graph.Head.Classes} outputs, the model {model.Head.Outputs}";
        }

        bool headImported = headNote is null;
        if (headImported)
        {
            OnnxWeightLoader.LoadHead(source.Graph.Head!, model);
        }

        var (size, features, logits) = OnnxImportVerifier.Compare(source, model, headImported, seed);
        var report = new OnnxImportReport(
            source.Path,
            source.Architecture.WidthMultiplier,
            source.Graph.Convolutions.Count,
            source.BatchNormCount,
            headImported,
            headNote,
            size,
            features,
            logits);
        double worst = Math.Max(features, logits ?? 0);
        return worst <= Tolerance && double.IsFinite(worst)
            ? report
            : throw new OnnxImportRefusedException(
                $"{source.Path}: import refused: the imported model differs from ONNX Runtime's result by {worst:G3} (tolerance {Tolerance:G3}); the file's weights were not read as they are meant.",
                worst);
    }
}
