using LiveClassify.Train.Training;

namespace LiveClassify.Train.Reports;

/// <summary>
/// The report folder of a training run (<c>--report DIR</c>): <c>epochs.csv</c>, <c>learning_curve.png</c>,
/// <c>confusion_matrix.png</c> and <c>misclassified.png</c> (when there is a validation set) and <c>model_card.md</c>.
/// </summary>
public static class TrainingReport
{
    /// <summary>File names inside the report folder.</summary>
    public const string EpochsFile = "epochs.csv";

    /// <inheritdoc cref="EpochsFile"/>
    public const string LearningCurveFile = "learning_curve.png";

    /// <inheritdoc cref="EpochsFile"/>
    public const string ConfusionMatrixFile = "confusion_matrix.png";

    /// <inheritdoc cref="EpochsFile"/>
    public const string GalleryFile = "misclassified.png";

    /// <inheritdoc cref="EpochsFile"/>
    public const string ModelCardFile = "model_card.md";

    /// <summary>Writes the report; returns the validation evaluation (null without validation images).</summary>
    public static Evaluation? Write(string folder, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        EpochCsv.Write(Path.Combine(folder, EpochsFile), result.Epochs);
        LearningCurvePlot.Write(Path.Combine(folder, LearningCurveFile), result.Epochs);
        Evaluation? evaluation = null;
        if (result.ValidationPredictions.Count > 0)
        {
            evaluation = Evaluation.From(result.ClassNames, result.ValidationPredictions.Select(p => (p.Label, p.Probabilities)));
            ConfusionMatrixPlot.Write(Path.Combine(folder, ConfusionMatrixFile), evaluation);
            MisclassifiedGallery.Write(Path.Combine(folder, GalleryFile), result.ValidationPredictions, result.ClassNames);
        }

        ModelCard.Write(Path.Combine(folder, ModelCardFile), result, evaluation);
        return evaluation;
    }
}
