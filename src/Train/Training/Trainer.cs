namespace LiveClassify.Train.Training;

/// <summary>Trains MobileNetV2 on a class-folder dataset: the API behind <c>liveclassify train</c>.</summary>
public static class Trainer
{
    /// <summary>
    /// Runs training to the end, to early stopping, or until <paramref name="cancellation"/> fires (then it stops
    /// after the batch in progress and returns the best model so far).
    /// </summary>
    /// <returns>The model with its best epoch's weights and the figures; the caller owns and disposes it.</returns>
    /// <exception cref="ArgumentException">An option cannot work.</exception>
    /// <exception cref="InvalidDataException">The dataset (or a checkpoint to resume) cannot be used.</exception>
    public static TrainingResult Run(TrainingOptions options, ITrainingMonitor? monitor = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        using var run = new TrainingRun(options, monitor ?? SilentMonitor.Instance, cancellation);
        return run.Execute();
    }

    private sealed class SilentMonitor : ITrainingMonitor
    {
        public static readonly SilentMonitor Instance = new();

        public void Message(string text)
        {
        }

        public void Progress(TrainingProgress progress)
        {
        }

        public void EpochCompleted(EpochMetrics metrics)
        {
        }
    }
}
