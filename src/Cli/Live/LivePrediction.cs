using LiveClassify.Core.Labels;
using LiveClassify.Core.Predictions;

namespace LiveClassify.Cli.Live;

/// <summary>
/// One slot of the prediction triple buffer: the scores of one frame and the model that made them, so the render
/// thread names classes with the labels of the model that produced the scores, even across a hot swap.
/// </summary>
public sealed class LivePrediction
{
    /// <summary>The scores; replaced (the one allocation) only when a swapped-in model has a different class count.</summary>
    public Prediction Scores { get; private set; } = new(1);

    /// <summary>Labels of the model that made <see cref="Scores"/>.</summary>
    public LabelMap Labels { get; private set; } = LabelMap.Generic(1);

    /// <summary>Name of that model's file.</summary>
    public string ModelName { get; private set; } = "";

    /// <summary>Whether the slot holds a real prediction yet.</summary>
    public bool IsEmpty => ModelName.Length == 0;

    /// <summary>Makes the slot fit a model (inference thread, back slot only).</summary>
    public void Prepare(LabelMap labels, string modelName)
    {
        if (Scores.ClassCount != labels.Count)
        {
            Scores = new Prediction(labels.Count);
        }

        Labels = labels;
        ModelName = modelName;
    }
}
