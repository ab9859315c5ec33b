namespace LiveClassify.Train.Training;

/// <summary>Receives what training reports. Called on the training thread; keep the work short.</summary>
public interface ITrainingMonitor
{
    /// <summary>A line for the log: a skipped image, where the weights come from, the cache being built.</summary>
    void Message(string text);

    /// <summary>After every batch.</summary>
    void Progress(TrainingProgress progress);

    /// <summary>After every epoch, validation included.</summary>
    void EpochCompleted(EpochMetrics metrics);
}
