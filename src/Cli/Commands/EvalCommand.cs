using System.CommandLine;
using System.Globalization;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;
using LiveClassify.Inference;
using LiveClassify.Train.Reports;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify eval DATASET --model M.onnx [--json] [--report DIR]</c>: accuracy, top-3 accuracy, per-class
/// precision and recall and a confusion matrix of any classifier the core can load, on a folder of class folders.
/// </summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Folder with one subfolder of images per class (names must be model labels)." };
        var json = new Option<bool>("--json") { Description = "Print accuracy, top3_accuracy and per-class figures as JSON." };
        var report = new Option<string?>("--report") { Description = "Folder for the confusion matrix PNG." };
        var command = new Command("eval", "Measure a model's accuracy on a labelled image folder.") { dataset, json, report };
        var model = ModelOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "eval", () =>
            {
                using var classifier = OnnxClassifier.Open(model.ModelPath(parseResult)!, model.ToClassifierOptions(parseResult));
                var evaluation = Evaluate(classifier, parseResult.GetValue(dataset)!, config.Error);
                if (parseResult.GetValue(report) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                    ConfusionMatrixPlot.Write(Path.Combine(folder, TrainingReport.ConfusionMatrixFile), evaluation);
                }

                if (parseResult.GetValue(json))
                {
                    config.Output.WriteLine(evaluation.ToJson());
                }
                else
                {
                    Print(evaluation, config.Output);
                }

                return 0;
            });
        });
        return command;
    }

    /// <summary>Classifies every image of every class folder; unreadable images are skipped with a line each.</summary>
    public static Evaluation Evaluate(OnnxClassifier classifier, string datasetRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(log);
        var labels = classifier.Contract.Labels;
        var dataset = DatasetFolder.Scan(datasetRoot);
        var unknown = dataset.ClassNames.Where(name => labels.IndexOf(name) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"{datasetRoot}: class folders {string.Join(", ", unknown)} are not labels of {classifier.ModelName} ({string.Join(", ", labels.Names.Take(12))}{(labels.Count > 12 ? ", ..." : "")}).");
        }

        var pool = new FramePool();
        var prediction = new Prediction(labels.Count);
        var results = new List<(int Label, IReadOnlyList<float> Scores)>();
        foreach (var datasetClass in dataset.Classes)
        {
            int label = labels.IndexOf(datasetClass.Name);
            foreach (string image in datasetClass.Images)
            {
                if (!ImageCodec.TryReadImage(image, pool, out var frame, out string? problem))
                {
                    log.WriteLine($"eval: skipped {problem}");
                    continue;
                }

                try
                {
                    classifier.Classify(frame, prediction);
                }
                finally
                {
                    frame.Release();
                }

                results.Add((label, prediction.Probabilities.ToArray()));
            }
        }

        if (results.Count == 0)
        {
            throw new InvalidDataException($"{datasetRoot}: no readable image in any class folder.");
        }

        return Evaluation.From(labels.Names, results);
    }

    private static void Print(Evaluation evaluation, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy {evaluation.Accuracy:0.0000}  top-3 {evaluation.Top3Accuracy:0.0000}  over {evaluation.Count} images"));
        output.WriteLine($"{"class",-24} {"precision",9} {"recall",9} {"images",7}");
        foreach (var figures in evaluation.Classes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{figures.Name,-24} {figures.Precision,9:0.0000} {figures.Recall,9:0.0000} {figures.Support,7}"));
        }
    }
}
