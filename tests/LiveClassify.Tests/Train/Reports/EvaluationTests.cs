using System.Text.Json;
using LiveClassify.Train.Reports;

namespace LiveClassify.Tests.Train.Reports;

public sealed class EvaluationTests
{
    private static readonly string[] Names = ["cat", "dog", "fox", "owl"];

    [Fact]
    public void Accuracy_top3_precision_recall_and_confusion_follow_the_predictions()
    {
        (int, IReadOnlyList<float>)[] predictions =
        [
            (0, [0.7f, 0.1f, 0.1f, 0.1f]), // cat, right
            (0, [0.1f, 0.6f, 0.2f, 0.1f]), // cat as dog; cat third
            (1, [0.1f, 0.8f, 0.05f, 0.05f]), // dog, right
            (2, [0.4f, 0.3f, 0.05f, 0.25f]), // fox as cat; fox fourth
        ];

        var evaluation = Evaluation.From(Names, predictions);

        Assert.Equal(4, evaluation.Count);
        Assert.Equal(0.5, evaluation.Accuracy);
        Assert.Equal(0.75, evaluation.Top3Accuracy);
        Assert.Equal(1, evaluation.Confusion(0, 1));
        Assert.Equal(1, evaluation.Confusion(2, 0));
        Assert.Equal(new ClassFigures("cat", 2, 0.5, 0.5), evaluation.Classes[0]);
        Assert.Equal(new ClassFigures("dog", 1, 0.5, 1.0), evaluation.Classes[1]);
        Assert.Equal(0.0, evaluation.Classes[2].Recall);
        Assert.True(double.IsNaN(evaluation.Classes[3].Recall));
    }

    [Fact]
    public void Json_has_the_eval_command_keys_and_nulls_for_undefined_figures()
    {
        var evaluation = Evaluation.From(Names, [(1, (IReadOnlyList<float>)[0.1f, 0.7f, 0.1f, 0.1f])]);

        using var json = JsonDocument.Parse(evaluation.ToJson());

        Assert.Equal(1.0, json.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("top3_accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("classes")[0].GetProperty("recall").ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("confusion")[1][1].GetInt32());
    }

    [Fact]
    public void A_score_row_of_the_wrong_width_is_refused() =>
        Assert.Throws<ArgumentException>(() => Evaluation.From(Names, [(0, (IReadOnlyList<float>)[1f, 0f])]));
}
