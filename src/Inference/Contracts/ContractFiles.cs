using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;

namespace LiveClassify.Inference.Contracts;

/// <summary>Reads the contract sources that live in files: model metadata, the sidecar and a labels file.</summary>
internal static class ContractFiles
{
    public static PartialModelContract ReadMetadata(string modelPath, ModelSignature signature)
    {
        if (!signature.Metadata.TryGetValue(ModelMetadataKeys.Contract, out string? json))
        {
            return PartialModelContract.Empty;
        }

        try
        {
            return ModelContractJson.Read(json, $"{modelPath} metadata {ModelMetadataKeys.Contract}");
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(e.Message, e) { ModelPath = modelPath };
        }
    }

    public static PartialModelContract ReadSidecar(string modelPath, string sidecarPath)
    {
        try
        {
            return ModelContractJson.Read(File.ReadAllText(sidecarPath), sidecarPath);
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(e.Message, e) { ModelPath = modelPath };
        }
        catch (IOException e)
        {
            throw new ModelLoadException($"{sidecarPath}: cannot read the sidecar ({e.Message})", e) { ModelPath = modelPath };
        }
    }

    public static PartialModelContract? ReadLabelsFile(string modelPath, string? labelsPath)
    {
        if (labelsPath is null)
        {
            return null;
        }

        if (!File.Exists(labelsPath))
        {
            throw new ModelLoadException($"{labelsPath}: labels file not found") { ModelPath = modelPath };
        }

        try
        {
            return new PartialModelContract { Labels = LabelMap.Load(labelsPath).Names };
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ModelLoadException(e is InvalidDataException ? e.Message : $"{labelsPath}: cannot read the labels ({e.Message})", e)
            {
                ModelPath = modelPath,
            };
        }
    }
}
