using System.Globalization;
using System.Text;
using LiveClassify.Core.Datasets;
using LiveClassify.Train.Training;

namespace LiveClassify.Train.Reports;

/// <summary>The per-epoch figures as CSV: one header line, one row per epoch; missing validation figures are empty.</summary>
public static class EpochCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,train_top3,val_loss,val_accuracy,val_top3,learning_rate,seconds";

    /// <summary>Writes <paramref name="epochs"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in epochs)
        {
            text.AppendJoin(',', e.Epoch.ToString(CultureInfo.InvariantCulture), F(e.TrainLoss), F(e.TrainAccuracy), F(e.TrainTop3),
                F(e.ValidationLoss), F(e.ValidationAccuracy), F(e.ValidationTop3), F(e.LearningRate), F(e.Seconds)).Append('\n');
        }

        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));

        static string F(double value) => double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
