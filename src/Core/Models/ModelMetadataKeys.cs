namespace LiveClassify.Core.Models;

/// <summary>
/// Keys of the ONNX <c>metadata_props</c> entries LiveClassify writes and reads. The values are JSON documents.
/// </summary>
public static class ModelMetadataKeys
{
    /// <summary>The <see cref="ModelContract"/>: preprocessing, labels and output kind (<see cref="ModelContractJson"/>).</summary>
    public const string Contract = "liveclassify.contract";

    /// <summary>The training configuration: command-line options, base model, seed, versions.</summary>
    public const string Training = "liveclassify.training";

    /// <summary>A fingerprint of the dataset the model was trained on: classes, counts and a hash of the file list.</summary>
    public const string Dataset = "liveclassify.dataset";

    /// <summary>Validation (and test, when given) metrics of the exported epoch.</summary>
    public const string Metrics = "liveclassify.metrics";

    /// <summary>Suffix of the sidecar file next to a model: <c>model.onnx</c> → <c>model.onnx.json</c>.</summary>
    public const string SidecarSuffix = ".json";

    /// <summary>The sidecar path of a model file.</summary>
    public static string SidecarPath(string modelPath) => modelPath + SidecarSuffix;
}
