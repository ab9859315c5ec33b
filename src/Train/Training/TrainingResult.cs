using LiveClassify.Core.Labels;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Train.Model;

namespace LiveClassify.Train.Training;

/// <summary>What <see cref="Trainer.Run"/> produced: the model with its best epoch's weights, and the figures.</summary>
/// <remarks>Owns <see cref="Model"/>: dispose the result, or take the model and dispose it yourself.</remarks>
public sealed class TrainingResult : IDisposable
{
    internal TrainingResult(MobileNetV2Classifier model, TrainingOptions options, IReadOnlyList<string> classNames)
    {
        Model = model;
        Options = options;
        ClassNames = classNames;
    }

    /// <summary>The trained network, in evaluation mode, with the best epoch's weights.</summary>
    public MobileNetV2Classifier Model { get; }

    /// <summary>The options trained with.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The preprocessing the model was trained with: write it into the exported model.</summary>
    public PreprocessSpec Preprocess => Options.Preprocess;

    /// <summary>What the raw outputs are: logits (softmax), or one sigmoid logit for <c>--binary</c>.</summary>
    public OutputKind Output => Options.Binary ? OutputKind.Sigmoid : OutputKind.Logits;

    /// <summary>The contract for the exported model's metadata.</summary>
    public ModelContract Contract => new(Preprocess, new LabelMap(ClassNames), Output);

    /// <summary>Every epoch's figures, resumed epochs included.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; internal set; } = [];

    /// <summary>The epoch whose weights the model holds (0 when no epoch completed).</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Why training ended.</summary>
    public TrainingStop Stop { get; internal set; }

    /// <summary>The best model's predictions on the validation images.</summary>
    public IReadOnlyList<ValidationPrediction> ValidationPredictions { get; internal set; } = [];

    /// <summary>Training images per class (after skipping undecodable files).</summary>
    public IReadOnlyList<int> TrainingCounts { get; internal set; } = [];

    /// <summary>Validation images per class.</summary>
    public IReadOnlyList<int> ValidationCounts { get; internal set; } = [];

    /// <summary>One line per image that did not decode and was skipped.</summary>
    public IReadOnlyList<string> SkippedImages { get; internal set; } = [];

    /// <summary>SHA-256 over the relative paths and sizes of the images used, to tell datasets apart.</summary>
    public string DatasetFingerprint { get; internal set; } = "";

    /// <summary>Whether head training used the feature cache.</summary>
    public bool UsedFeatureCache { get; internal set; }

    /// <summary>Seconds spent building the feature cache.</summary>
    public double CacheSeconds { get; internal set; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The best epoch's figures, or null when none completed.</summary>
    public EpochMetrics? Best => Epochs.FirstOrDefault(e => e.Epoch == BestEpoch);

    /// <summary>Disposes the model.</summary>
    public void Dispose() => Model.Dispose();
}
