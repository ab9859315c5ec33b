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
                var options = model.ToClassifierOptions(parseResult);
                var plan = ThroughputPlan.ForThisMachine(options.Provider, workers: 0, batch: 0);
                using var classifier = ParallelClassifier.Open(model.ModelPath(parseResult)!, options, plan);
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

    /// <summary>
    /// Classifies every image of every class folder, a round of images at a time across the classifier's workers;
    /// unreadable images are skipped with a line each.
    /// </summary>
    public static Evaluation Evaluate(ParallelClassifier classifier, string datasetRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(log);
        var labels = classifier.Primary.Contract.Labels;
        var dataset = DatasetFolder.Scan(datasetRoot);
        var unknown = dataset.ClassNames.Where(name => labels.IndexOf(name) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"{datasetRoot}: class folders {string.Join(", ", unknown)} are not labels of {classifier.Primary.ModelName} ({string.Join(", ", labels.Names.Take(12))}{(labels.Count > 12 ? ", ..." : "")}).");
        }

        var pool = new FramePool();
        var frames = new FrameBuffer[classifier.RoundFrames];
        var truths = new int[frames.Length];
        var predictions = frames.Select(_ => new Prediction(labels.Count)).ToArray();
        var results = new List<(int Label, IReadOnlyList<float> Scores)>();
        int count = 0;

        void ClassifyRound()
        {
            try
            {
                classifier.Classify(new ArraySegment<FrameBuffer>(frames, 0, count), new ArraySegment<Prediction>(predictions, 0, count));
                for (int i = 0; i < count; i++)
                {
                    results.Add((truths[i], predictions[i].Probabilities.ToArray()));
                }
            }
            finally
            {
                for (int i = 0; i < count; i++)
                {
                    frames[i].Release();
                }

                count = 0;
            }
        }

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

                frames[count] = frame;
                truths[count++] = label;
                if (count == frames.Length)
                {
                    ClassifyRound();
                }
            }
        }

        ClassifyRound();
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
