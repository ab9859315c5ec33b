using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Inference.Contracts;

/// <summary>What a loaded model declares: its inputs, outputs and <c>metadata_props</c>.</summary>
internal sealed record ModelSignature(
    IReadOnlyList<TensorSignature> Inputs, IReadOnlyList<TensorSignature> Outputs, IReadOnlyDictionary<string, string> Metadata)
{
    public static ModelSignature Read(InferenceSession session)
    {
        var inputs = session.InputNames.Select(n => TensorSignature.From(n, session.InputMetadata[n])).ToArray();
        var outputs = session.OutputNames.Select(n => TensorSignature.From(n, session.OutputMetadata[n])).ToArray();
        var metadata = session.ModelMetadata;
        return new ModelSignature(inputs, outputs, new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal));
    }
}
