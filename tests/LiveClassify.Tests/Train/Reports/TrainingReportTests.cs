using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using LiveClassify.Train.Model;
using LiveClassify.Train.Reports;
using LiveClassify.Train.Training;
using OpenCvSharp;

namespace LiveClassify.Tests.Train.Reports;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class TrainingReportTests
{
    [Fact]
    public void Report_writes_a_csv_row_per_epoch_decodable_pngs_and_a_model_card()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Combine("data"), "red", 3, new Scalar(0, 0, 200));
        DataFolders.WriteClass(folder.Combine("data"), "blue", 3, new Scalar(200, 0, 0));
        string[] classes = ["blue", "red"];
        var images = Directory.GetFiles(folder.Combine("data"), "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
#pragma warning disable CA2000 // The result owns the model and disposes it.
        using var result = new TrainingResult(
            new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(2, [])),
            new TrainingOptions { Dataset = folder.Combine("data"), ImageSize = 32, Normalization = Normalization.Tf },
            classes)
#pragma warning restore CA2000
        {
            Epochs =
            [
                new EpochMetrics(1, 0.9, 0.5, 1, 0.8, 0.5, 1, 1e-3, 1.5),
                new EpochMetrics(2, 0.6, 0.7, 1, 0.7, 0.6, 1, 1e-3, 1.4),
                new EpochMetrics(3, 0.4, 0.9, 1, 0.75, 0.55, 1, 1e-4, 1.4),
            ],
            BestEpoch = 2,
            TrainingCounts = [2, 2],
            ValidationCounts = [1, 1],
            DatasetFingerprint = "0123456789abcdef0123",
            ValidationPredictions =
            [
                new ValidationPrediction(images[0], 0, [0.2f, 0.8f]),
                new ValidationPrediction(images[3], 1, [0.1f, 0.9f]),
            ],
        };
        string report = folder.Combine("report");

        var evaluation = TrainingReport.Write(report, result);

        Assert.Equal(0.5, evaluation!.Accuracy);
        var csv = File.ReadAllLines(Path.Combine(report, TrainingReport.EpochsFile));
        Assert.Equal(EpochCsv.Header, csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("3,0.4,0.9,1,0.75,0.55,1,0.0001,1.4", csv[3], StringComparison.Ordinal);
        foreach (string png in new[] { TrainingReport.LearningCurveFile, TrainingReport.ConfusionMatrixFile, TrainingReport.GalleryFile })
        {
            using var image = Cv2.ImRead(Path.Combine(report, png));
            Assert.False(image.Empty(), $"{png} does not decode");
            Assert.True(image.Width >= 400, $"{png} is {image.Width} wide");
        }

        string card = File.ReadAllText(Path.Combine(report, TrainingReport.ModelCardFile));
        Assert.Contains("| 1 | red | 2 | 1 | 0.500 | 1.000 |", card, StringComparison.Ordinal);
        Assert.Contains("Best epoch 2", card, StringComparison.Ordinal);
        Assert.Contains("32x32 stretch rgb tf", card, StringComparison.Ordinal);
    }
}
