using System.CommandLine;
using System.Globalization;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Frames;
using LiveClassify.Cli.Output;
using LiveClassify.Core.Predictions;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Commands;

/// <summary><c>liveclassify predict IMAGE... --model M.onnx [--top-k 5] [--json]</c>: the top-k labels of each image.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Image files to classify.", Arity = ArgumentArity.OneOrMore };
        var topK = new Option<int>("--top-k", "-k") { Description = "How many labels to show per image.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "One JSON document: per image, label/score pairs." };
        var command = new Command("predict", "Classify image files and print the top-k labels of each.") { images, topK, json };
        var model = ModelOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "predict", () =>
            {
                using var classifier = OnnxClassifier.Open(model.ModelPath(parseResult)!, model.ToClassifierOptions(parseResult));
                return Run(classifier, parseResult.GetValue(images)!, Math.Max(1, parseResult.GetValue(topK)),
                    parseResult.GetValue(json), config.Output, config.Error);
            });
        });
        return command;
    }

    private static int Run(OnnxClassifier classifier, string[] images, int topK, bool json, TextWriter output, TextWriter error)
    {
        var pool = new FramePool();
        var labels = classifier.Contract.Labels;
        var prediction = new Prediction(labels.Count);
        var results = new List<ImageResult>();
        int failed = 0;
        var ranked = new int[Math.Min(topK, labels.Count)];
        foreach (string image in images)
        {
            if (!ImageCodec.TryReadImage(image, pool, out var frame, out string? problem))
            {
                error.WriteLine($"liveclassify predict: {problem}");
                failed++;
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

            int count = prediction.TopK(ranked);
            var scores = new List<ScoredLabel>(count);
            foreach (int index in ranked.AsSpan(0, count))
            {
                scores.Add(new ScoredLabel(labels[index], prediction.Probabilities[index]));
            }

            results.Add(new ImageResult(image, scores));
            if (!json)
            {
                output.WriteLine(image);
                foreach (var scored in scores)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {scored.Score,7:P1}  {scored.Label}"));
                }
            }
        }

        if (json)
        {
            JsonOutput.Write(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", classifier.ModelName);
                writer.WriteString("provider", classifier.Provider.Description);
                writer.WriteStartArray("images");
                foreach (var result in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("image", result.Image);
                    ScoreJson.Write(writer, "scores", result.Scores);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }

        if (failed > 0)
        {
            error.WriteLine($"liveclassify predict: {failed} of {images.Length} images could not be read.");
        }

        return failed == 0 ? 0 : 1;
    }

    private sealed record ImageResult(string Image, IReadOnlyList<ScoredLabel> Scores);
}
