using System.Text;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;

namespace LiveClassify.Train.Models;

/// <summary>
/// Fetches a catalog model and its labels into a folder and writes the sidecar contract beside the model, so the
/// live loop can load it with no flags.
/// </summary>
public static class ModelPuller
{
    /// <summary>Downloads (or resumes, or confirms) both files, then writes <c>model.onnx.json</c>.</summary>
    /// <exception cref="ModelDownloadException">A download failed; the message says why.</exception>
    /// <exception cref="InvalidDataException">The labels file has no labels or is not text.</exception>
    public static async Task<PulledModel> PullAsync(
        ModelDownloader downloader,
        ModelCatalogEntry entry,
        string folder,
        Action<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string modelPath = Path.Combine(folder, entry.ModelFileName);
        string labelsPath = Path.Combine(folder, entry.LabelsFileName);
        bool labels = await downloader.DownloadAsync(entry.LabelsUrl, labelsPath, entry.LabelsSha256, null, progress, cancellationToken).ConfigureAwait(false);
        bool model = await downloader.DownloadAsync(entry.ModelUrl, modelPath, entry.ModelSha256, entry.ModelBytes, progress, cancellationToken).ConfigureAwait(false);

        var contract = new ModelContract(entry.Preprocess, ReadLabels(labelsPath), entry.Output);
        string sidecar = ModelMetadataKeys.SidecarPath(modelPath);
        AtomicFile.WriteAllBytes(sidecar, Encoding.UTF8.GetBytes(ModelContractJson.Write(contract.ToPartial())));
        return new PulledModel(modelPath, labelsPath, sidecar, labels || model);
    }

    /// <summary>
    /// Reads one label per line. A name that repeats gets its line index appended: ImageNet's list has two
    /// "crane" (the bird, 134, and the machine, 517) and two "maillot" (638, 639), and a label map needs unique names.
    /// </summary>
    public static LabelMap ReadLabels(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (string line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            names.Add(seen.Add(line) ? line : $"{line} ({names.Count})");
        }

        try
        {
            return new LabelMap(names);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: not a labels file ({e.Message}).", e);
        }
    }
}
