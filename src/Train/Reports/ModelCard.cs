using System.Globalization;
using System.Text;
using LiveClassify.Core.Datasets;
using LiveClassify.Train.Training;

namespace LiveClassify.Train.Reports;

/// <summary>A markdown model card: the data, classes and counts, preprocessing, options, figures and time.</summary>
public static class ModelCard
{
    /// <summary>Writes the card for <paramref name="result"/> (and its validation <paramref name="evaluation"/>, if any).</summary>
    public static void Write(string path, TrainingResult result, Evaluation? evaluation)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var card = new StringBuilder();
        void Line(string text = "") => card.Append(text).Append('\n');
        string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

        Line("# Model card: MobileNetV2 classifier");
        Line();
        Line("## Data");
        Line($"- Dataset: `{Path.GetFullPath(o.Dataset)}` (fingerprint `{result.DatasetFingerprint[..Math.Min(16, result.DatasetFingerprint.Length)]}`)");
        Line(o.ValidationFolder is null
            ? string.Create(CultureInfo.InvariantCulture, $"- Validation: {o.ValidationSplit:P0} of each class, seed {o.Seed}")
            : $"- Validation folder: `{Path.GetFullPath(o.ValidationFolder)}`");
        Line(string.Create(CultureInfo.InvariantCulture, $"- Images: {result.TrainingCounts.Sum()} training, {result.ValidationCounts.Sum()} validation, {result.SkippedImages.Count} skipped (did not decode)"));
        Line();
        Line("| # | class | training | validation | precision | recall |");
        Line("| --- | --- | --- | --- | --- | --- |");
        for (int c = 0; c < result.ClassNames.Count; c++)
        {
            var figures = evaluation?.Classes[c];
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {c} | {result.ClassNames[c]} | {result.TrainingCounts[c]} | {result.ValidationCounts[c]} | {F(figures?.Precision ?? double.NaN, "0.000")} | {F(figures?.Recall ?? double.NaN, "0.000")} |"));
        }

        Line();
        Line("## Model and preprocessing");
        Line(string.Create(CultureInfo.InvariantCulture, $"- MobileNetV2, width {o.WidthMultiplier}, initial weights: {o.BaseDescription}"));
        Line($"- Head: dropout {o.Dropout.ToString(CultureInfo.InvariantCulture)}, hidden [{string.Join(", ", o.HeadHidden)}], output {(o.Binary ? "one sigmoid unit" : $"{result.ClassNames.Count} logits (softmax)")}");
        Line($"- Preprocessing: {result.Preprocess.Describe()}");
        Line();
        Line("## Training");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"- Fine-tune: {o.FineTune}; epochs {result.Epochs.Count} of {o.Epochs} ({result.Stop}); batch {o.BatchSize}; {o.Optimizer} learning rate {o.LearningRate}"));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"- Augmentation: {o.Augmentation} ({o.Views} view(s)); class weights: {(o.ClassWeights ? "inverse frequency" : "off")}; seed {o.Seed}"));
        string schedule = o.Schedule == LearningRateSchedule.Cosine
            ? string.Create(CultureInfo.InvariantCulture, $"Cosine learning rate from {o.LearningRate} to {o.MinLearningRate} over {o.Epochs} epochs")
            : string.Create(CultureInfo.InvariantCulture, $"Plateau: ×{o.PlateauFactor} after {o.PlateauPatience} epochs");
        Line($"- {schedule}; early stopping after {o.EarlyStoppingPatience} epochs (0 = off)");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"- Feature cache: {(result.UsedFeatureCache ? $"yes ({result.CacheSeconds:0.0} s to build)" : "no")}; time {result.Elapsed.TotalSeconds:0.0} s"));
        Line();
        Line("## Figures");
        var best = result.Best;
        if (best is null)
        {
            Line("No epoch completed.");
        }
        else
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"Best epoch {best.Epoch} (its weights are the model's):"));
            Line();
            Line("| | loss | accuracy | top-3 |");
            Line("| --- | --- | --- | --- |");
            Line($"| training | {F(best.TrainLoss, "0.0000")} | {F(best.TrainAccuracy, "0.000")} | {F(best.TrainTop3, "0.000")} |");
            Line($"| validation | {F(best.ValidationLoss, "0.0000")} | {F(best.ValidationAccuracy, "0.000")} | {F(best.ValidationTop3, "0.000")} |");
        }

        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(card.ToString()));
    }
}
