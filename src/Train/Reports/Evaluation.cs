using System.Text.Json;
using System.Text.Json.Nodes;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Train.Reports;

/// <summary>
/// Accuracy, top-3 accuracy, per-class precision and recall and the confusion matrix of a classifier's predictions:
/// computed the same way for the training report and for <c>liveclassify eval</c>.
/// </summary>
public sealed class Evaluation
{
    private readonly int[,] _confusion;

    private Evaluation(IReadOnlyList<string> classNames, int[,] confusion, int count, int top1, int top3)
    {
        ClassNames = classNames;
        _confusion = confusion;
        Count = count;
        Accuracy = count == 0 ? double.NaN : (double)top1 / count;
        Top3Accuracy = count == 0 ? double.NaN : (double)top3 / count;
        var classes = new List<ClassFigures>(classNames.Count);
        for (int c = 0; c < classNames.Count; c++)
        {
            int truePositive = confusion[c, c];
            int support = 0;
            int predicted = 0;
            for (int k = 0; k < classNames.Count; k++)
            {
                support += confusion[c, k];
                predicted += confusion[k, c];
            }

            classes.Add(new ClassFigures(
                classNames[c],
                support,
                predicted == 0 ? double.NaN : (double)truePositive / predicted,
                support == 0 ? double.NaN : (double)truePositive / support));
        }

        Classes = classes;
    }

    /// <summary>Class names in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Images evaluated.</summary>
    public int Count { get; }

    /// <summary>Fraction whose top class is the true class.</summary>
    public double Accuracy { get; }

    /// <summary>Fraction whose true class is among the three highest scores.</summary>
    public double Top3Accuracy { get; }

    /// <summary>Per-class figures in index order.</summary>
    public IReadOnlyList<ClassFigures> Classes { get; }

    /// <summary>Images of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int Confusion(int actual, int predicted) => _confusion[actual, predicted];

    /// <summary>Evaluates predictions given as one probability (or score) row per image with its true class index.</summary>
    public static Evaluation From(IReadOnlyList<string> classNames, IEnumerable<(int Label, IReadOnlyList<float> Scores)> predictions)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(predictions);
        int classes = classNames.Count;
        var confusion = new int[classes, classes];
        int count = 0;
        int top1 = 0;
        int top3 = 0;
        Span<int> top = stackalloc int[Math.Min(3, classes)];
        var scores = new float[classes];
        foreach (var (label, row) in predictions)
        {
            if (row.Count != classes || label < 0 || label >= classes)
            {
                throw new ArgumentException($"A prediction has {row.Count} scores and label {label}; expected {classes} classes.", nameof(predictions));
            }

            for (int c = 0; c < classes; c++)
            {
                scores[c] = row[c];
            }

            int found = ScoreMath.TopK(scores, top);
            confusion[label, top[0]]++;
            count++;
            top1 += top[0] == label ? 1 : 0;
            top3 += top[..found].Contains(label) ? 1 : 0;
        }

        return new Evaluation(classNames, confusion, count, top1, top3);
    }

    /// <summary>
    /// The figures as JSON for <c>eval --json</c>: <c>accuracy</c>, <c>top3_accuracy</c>, <c>count</c>,
    /// <c>classes</c> (name, support, precision, recall; null where undefined) and <c>confusion</c> (rows: true class).
    /// </summary>
    public string ToJson()
    {
        var classes = new JsonArray();
        foreach (var figures in Classes)
        {
            classes.Add(new JsonObject
            {
                ["name"] = figures.Name,
                ["support"] = figures.Support,
                ["precision"] = Number(figures.Precision),
                ["recall"] = Number(figures.Recall),
            });
        }

        var confusion = new JsonArray();
        for (int a = 0; a < ClassNames.Count; a++)
        {
            var row = new JsonArray();
            for (int p = 0; p < ClassNames.Count; p++)
            {
                row.Add(_confusion[a, p]);
            }

            confusion.Add(row);
        }

        var root = new JsonObject
        {
            ["count"] = Count,
            ["accuracy"] = Number(Accuracy),
            ["top3_accuracy"] = Number(Top3Accuracy),
            ["classes"] = classes,
            ["confusion"] = confusion,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        static JsonNode? Number(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 6));
    }
}
