using System.Globalization;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace LiveClassify.Inference.Contracts;

/// <summary>
/// Resolves a model's contract from its metadata, its sidecar and the caller's overrides (later sources win field by
/// field), fills what is still open from the model's tensors and defaults, and checks the result against the
/// model's input and output. Every failure is a <see cref="ModelLoadException"/> naming the file and the problem.
/// </summary>
internal static class ContractResolver
{
    private static readonly ContractField[] Fields = Enum.GetValues<ContractField>();

    /// <summary>Resolves and validates; <paramref name="labelsPath"/> (<c>--labels</c>) overrides every other label source.</summary>
    public static ResolvedContract Resolve(
        string modelPath, ModelSignature signature, PartialModelContract? overrides, string? labelsPath, bool genericLabels)
    {
        ClassifierShape.RequireClassifier(modelPath, signature);
        var input = signature.Inputs[0];
        var output = signature.Outputs[0];

        string sidecarPath = ModelMetadataKeys.SidecarPath(modelPath);
        bool hasSidecar = File.Exists(sidecarPath);
        var flags = (overrides ?? PartialModelContract.Empty).OverriddenBy(ContractFiles.ReadLabelsFile(modelPath, labelsPath));
        var layers = new (ContractSource Source, PartialModelContract Contract)[]
        {
            (ContractSource.Metadata, ContractFiles.ReadMetadata(modelPath, signature)),
            (ContractSource.Sidecar, hasSidecar ? ContractFiles.ReadSidecar(modelPath, sidecarPath) : PartialModelContract.Empty),
            (ContractSource.Flags, flags),
        };

        var sources = new Dictionary<ContractField, ContractSource>();
        var notes = new List<string>();
        var merged = PartialModelContract.Empty;
        foreach (var (source, layer) in layers)
        {
            foreach (var field in Fields)
            {
                object? value = ValueOf(layer, field);
                if (value is null)
                {
                    continue;
                }

                if (sources.TryGetValue(field, out var earlier) && !Equals(ValueOf(merged, field), value))
                {
                    notes.Add($"{FieldName(field)}: {Lower(source)} overrides {Lower(earlier)}");
                }

                sources[field] = source;
            }

            merged = merged.OverriddenBy(layer);
        }

        var completed = Complete(modelPath, merged, sources, input, output, genericLabels, sidecarPath);
        var resolved = new ResolvedContract(completed, sources, notes, hasSidecar ? sidecarPath : null, labelsPath);
        Validate(modelPath, resolved, input, output);
        return resolved;
    }

    /// <summary>Checks the output width a run produced when the model leaves it free.</summary>
    public static void CheckOutputWidth(string modelPath, ResolvedContract contract, TensorSignature output, int actualWidth)
    {
        int expected = ScoreMath.RawWidth(contract.Output, contract.Labels.Count);
        if (actualWidth != expected)
        {
            throw ModelLoadException.For(modelPath, WidthMismatch(contract, output, actualWidth, expected));
        }
    }

    private static ModelContract Complete(
        string modelPath,
        PartialModelContract merged,
        Dictionary<ContractField, ContractSource> sources,
        TensorSignature input,
        TensorSignature output,
        bool genericLabels,
        string sidecarPath)
    {
        var missing = new List<string>();
        var elementType = input.ElementType == OrtElementType.UInt8 ? TensorElementType.UInt8 : TensorElementType.Float32;
        if (merged.ElementType is { } declared && declared != elementType)
        {
            throw ModelLoadException.For(modelPath,
                $"the contract ({Lower(sources[ContractField.ElementType])}) says dtype {Lower(declared)} but {input.Describe("input")} is {input.TypeText}");
        }

        Fill(sources, ContractField.ElementType, ContractSource.Model);

        var layout = merged.Layout ?? ClassifierShape.InferLayout(modelPath, input);
        if (layout is null)
        {
            missing.Add($"no layout ({input.Describe("input")} has no fixed channel dimension of 3: put \"layout\": \"nchw\" or \"nhwc\" in {Path.GetFileName(sidecarPath)})");
        }
        else
        {
            Fill(sources, ContractField.Layout, ContractSource.Model);
        }

        int? width = merged.Width;
        int? height = merged.Height;
        if (layout is { } known && (width is null || height is null))
        {
            var (modelWidth, modelHeight) = ClassifierShape.SpatialDimensions(input, known);
            width ??= modelWidth > 0 ? modelWidth : null;
            height ??= modelHeight > 0 ? modelHeight : null;
        }

        if (width is null || height is null)
        {
            missing.Add($"no size ({input.Describe("input")} leaves it free: give --size N or WxH)");
        }
        else
        {
            Fill(sources, ContractField.Size, ContractSource.Model);
        }

        var normalization = merged.Normalization;
        if (normalization is null && elementType == TensorElementType.UInt8)
        {
            // A uint8 model takes raw pixels by definition: anything else would be normalised inside its graph.
            normalization = Normalization.Raw;
        }

        if (normalization is null)
        {
            missing.Add("no normalization (give --preprocess tf|torch|caffe|raw or --mean/--std)");
        }
        else
        {
            Fill(sources, ContractField.Normalization, ContractSource.Default);
        }

        int rawWidth = output.Dimensions[1];
        var labelNames = merged.Labels;
        if (labelNames is null && genericLabels && rawWidth > 0)
        {
            int count = merged.Output == OutputKind.Sigmoid || (merged.Output is null && rawWidth == 1) ? 2 : rawWidth;
            labelNames = LabelMap.Generic(count).Names;
        }

        if (labelNames is null)
        {
            missing.Add(rawWidth > 0
                ? string.Create(CultureInfo.InvariantCulture, $"no labels (the output has {rawWidth} values per image: give --labels FILE)")
                : "no labels (give --labels FILE)");
        }
        else
        {
            Fill(sources, ContractField.Labels, ContractSource.Default);
        }

        if (missing.Count > 0)
        {
            throw ModelLoadException.For(modelPath,
                $"the model contract is incomplete: {string.Join("; ", missing)}; or put the fields in the sidecar {Path.GetFileName(sidecarPath)}");
        }

        LabelMap labels;
        try
        {
            labels = new LabelMap(labelNames!);
        }
        catch (ArgumentException e)
        {
            throw ModelLoadException.For(modelPath, $"the labels from {Lower(sources[ContractField.Labels])} are not valid: {e.Message}", e);
        }

        var outputKind = merged.Output ?? (rawWidth == 1 && labels.Count == 2 ? OutputKind.Sigmoid : OutputKind.Logits);
        Fill(sources, ContractField.Output, rawWidth == 1 && labels.Count == 2 ? ContractSource.Model : ContractSource.Default);
        Fill(sources, ContractField.ColorOrder, ContractSource.Default);
        Fill(sources, ContractField.Resize, ContractSource.Default);
        Fill(sources, ContractField.LetterboxFill, ContractSource.Default);

        try
        {
            var spec = new PreprocessSpec(
                width!.Value,
                height!.Value,
                merged.Resize ?? ResizeMode.Stretch,
                merged.ColorOrder ?? normalization!.ImpliedColorOrder,
                normalization!,
                layout!.Value,
                elementType,
                merged.LetterboxFill ?? 0).Validated();
            return new ModelContract(spec, labels, outputKind);
        }
        catch (ArgumentException e)
        {
            throw ModelLoadException.For(modelPath, $"the model contract cannot be applied: {e.Message}", e);
        }
    }

    private static void Validate(string modelPath, ResolvedContract resolved, TensorSignature input, TensorSignature output)
    {
        var spec = resolved.Preprocess;
        int channelIndex = spec.Layout == TensorLayout.Nchw ? 1 : 3;
        if (!input.IsFree(channelIndex) && input.Dimensions[channelIndex] != 3)
        {
            string expected = spec.Layout == TensorLayout.Nchw ? "[N,3,H,W]" : "[N,H,W,3]";
            throw ModelLoadException.For(modelPath,
                $"layout {Lower(spec.Layout)} ({Lower(resolved.SourceOf(ContractField.Layout))}) expects input {expected} but found {input.Describe("input")}");
        }

        var (modelWidth, modelHeight) = ClassifierShape.SpatialDimensions(input, spec.Layout);
        if ((modelWidth > 0 && modelWidth != spec.Width) || (modelHeight > 0 && modelHeight != spec.Height))
        {
            throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                $"size {spec.Width}x{spec.Height} ({Lower(resolved.SourceOf(ContractField.Size))}) does not fit {input.Describe("input")}, which is fixed at {(modelWidth > 0 ? modelWidth : spec.Width)}x{(modelHeight > 0 ? modelHeight : spec.Height)}"));
        }

        if (resolved.Output == OutputKind.Sigmoid && resolved.Labels.Count != 2)
        {
            throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                $"output sigmoid ({Lower(resolved.SourceOf(ContractField.Output))}) needs exactly 2 labels; found {resolved.Labels.Count} ({LabelOrigin(resolved)})"));
        }

        int rawWidth = output.Dimensions[1];
        int expectedWidth = ScoreMath.RawWidth(resolved.Output, resolved.Labels.Count);
        if (rawWidth > 0 && rawWidth != expectedWidth)
        {
            throw ModelLoadException.For(modelPath, WidthMismatch(resolved, output, rawWidth, expectedWidth));
        }
    }

    private static string WidthMismatch(ResolvedContract resolved, TensorSignature output, int found, int expected) =>
        resolved.Output == OutputKind.Sigmoid
            ? string.Create(CultureInfo.InvariantCulture,
                $"output sigmoid ({Lower(resolved.SourceOf(ContractField.Output))}) expects 1 value per image but {output.Describe("output")} has {found}")
            : string.Create(CultureInfo.InvariantCulture,
                $"{resolved.Labels.Count} labels ({LabelOrigin(resolved)}) but {output.Describe("output")} has {found} values per image (expected {expected})");

    private static string LabelOrigin(ResolvedContract resolved) =>
        resolved.LabelsPath is not null && resolved.SourceOf(ContractField.Labels) == ContractSource.Flags
            ? $"--labels {resolved.LabelsPath}"
            : Lower(resolved.SourceOf(ContractField.Labels));

    private static void Fill(Dictionary<ContractField, ContractSource> sources, ContractField field, ContractSource source) =>
        sources.TryAdd(field, source);

    private static object? ValueOf(PartialModelContract contract, ContractField field) => field switch
    {
        ContractField.Size => contract.Width is null && contract.Height is null ? null : (contract.Width, contract.Height),
        ContractField.Resize => contract.Resize,
        ContractField.ColorOrder => contract.ColorOrder,
        ContractField.Normalization => contract.Normalization,
        ContractField.Layout => contract.Layout,
        ContractField.ElementType => contract.ElementType,
        ContractField.LetterboxFill => contract.LetterboxFill,
        ContractField.Labels => contract.Labels is null ? null : string.Join('\n', contract.Labels),
        ContractField.Output => contract.Output,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown contract field."),
    };

    private static string FieldName(ContractField field) => field switch
    {
        ContractField.ColorOrder => "color order",
        ContractField.ElementType => "dtype",
        ContractField.LetterboxFill => "letterbox fill",
        _ => Lower(field),
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
