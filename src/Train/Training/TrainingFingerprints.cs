using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveClassify.Train.Data;

namespace LiveClassify.Train.Training;

/// <summary>What identifies a training set (for the model's metadata) and a run (for resuming from a checkpoint).</summary>
internal static class TrainingFingerprints
{
    /// <summary>A hash of every image's path below <paramref name="root"/> and size, in a fixed order.</summary>
    public static string Dataset(string root, IEnumerable<LabeledImage> images)
    {
        var text = new StringBuilder();
        foreach (var image in images.OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(root, image.Path)}\t{new FileInfo(image.Path).Length}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// What a checkpoint must match to be resumed: the data and every option that shapes the model or the run. The
    /// epoch count is left out on purpose, so a finished run can be resumed for more epochs.
    /// </summary>
    public static string Run(string datasetFingerprint, IReadOnlyList<string> classNames, TrainingOptions options) => string.Join(
        '|',
        datasetFingerprint,
        string.Join(',', classNames),
        options.Preprocess.Describe(),
        options.WidthMultiplier.ToString(CultureInfo.InvariantCulture),
        options.FineTune.ToString(),
        options.Binary ? "binary" : "softmax",
        string.Join(',', options.HeadHidden),
        options.Optimizer.ToString(),
        options.Schedule.ToString(),
        options.Augmentation.ToString(),
        options.Views.ToString(CultureInfo.InvariantCulture),
        options.BatchSize.ToString(CultureInfo.InvariantCulture),
        options.Seed.ToString(CultureInfo.InvariantCulture));
}
