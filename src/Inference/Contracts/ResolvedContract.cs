using System.Globalization;
using System.Text;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Inference.Contracts;

/// <summary>
/// A model's complete contract, checked against the model's tensors, with the origin of every field: metadata,
/// sidecar, flags, the model's own tensors, or a default.
/// </summary>
public sealed class ResolvedContract
{
    private readonly IReadOnlyDictionary<ContractField, ContractSource> _sources;

    internal ResolvedContract(
        ModelContract contract,
        IReadOnlyDictionary<ContractField, ContractSource> sources,
        IReadOnlyList<string> overrides,
        string? sidecarPath,
        string? labelsPath)
    {
        Contract = contract;
        _sources = sources;
        Overrides = overrides;
        SidecarPath = sidecarPath;
        LabelsPath = labelsPath;
    }

    /// <summary>The contract the classifier applies.</summary>
    public ModelContract Contract { get; }

    /// <summary>Preprocessing: size, resize, colour order, normalisation, layout, element type.</summary>
    public PreprocessSpec Preprocess => Contract.Preprocess;

    /// <summary>Class names in output order.</summary>
    public LabelMap Labels => Contract.Labels;

    /// <summary>What the raw outputs mean.</summary>
    public OutputKind Output => Contract.Output;

    /// <summary>
    /// Fields where a later source replaced a different value from an earlier one, for example
    /// "labels: sidecar overrides metadata"; worth a log line, since a stale sidecar is easy to leave behind.
    /// </summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>The sidecar that was read, or null when there was none.</summary>
    public string? SidecarPath { get; }

    /// <summary>The <c>--labels</c> file that was read, or null.</summary>
    public string? LabelsPath { get; }

    /// <summary>Where a field came from.</summary>
    public ContractSource SourceOf(ContractField field) => _sources[field];

    /// <summary>
    /// One line for logs, each field with its value and origin, for example
    /// "size 224x224 (metadata), resize crop (metadata), color rgb (default), normalization torch (flags), …".
    /// </summary>
    public string DescribeSources()
    {
        var spec = Preprocess;
        var text = new StringBuilder();
        Add(text, ContractField.Size, string.Create(CultureInfo.InvariantCulture, $"size {spec.Width}x{spec.Height}"));
        Add(text, ContractField.Resize, $"resize {Lower(spec.Resize)}");
        if (spec.Resize == ResizeMode.Letterbox)
        {
            Add(text, ContractField.LetterboxFill, string.Create(CultureInfo.InvariantCulture, $"fill {spec.LetterboxFill}"));
        }

        Add(text, ContractField.ColorOrder, $"color {Lower(spec.ColorOrder)}");
        Add(text, ContractField.Normalization, spec.Normalization.Preset == "custom"
            ? $"normalization mean {spec.Normalization.Mean} std {spec.Normalization.Std} (0-255 units)"
            : $"normalization {spec.Normalization.Preset}");
        Add(text, ContractField.Layout, $"layout {Lower(spec.Layout)}");
        Add(text, ContractField.ElementType, $"dtype {Lower(spec.ElementType)}");
        Add(text, ContractField.Labels, string.Create(CultureInfo.InvariantCulture, $"{Labels.Count} labels"));
        Add(text, ContractField.Output, $"output {Lower(Output)}");
        return text.ToString();
    }

    private void Add(StringBuilder text, ContractField field, string value)
    {
        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(value).Append(" (").Append(Describe(SourceOf(field), field)).Append(')');
    }

    private string Describe(ContractSource source, ContractField field) => source switch
    {
        ContractSource.Sidecar => $"sidecar {Path.GetFileName(SidecarPath)}",
        ContractSource.Flags when field == ContractField.Labels && LabelsPath is not null => $"--labels {LabelsPath}",
        _ => Lower(source),
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
