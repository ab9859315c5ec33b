namespace LiveClassify.Train.Training;

/// <summary>The kind of pass a <see cref="TrainingProgress"/> reports.</summary>
public enum TrainingStage
{
    /// <summary>Decoding every image once to find files that do not decode.</summary>
    Checking,

    /// <summary>Running the frozen backbone once over every image (and augmented view) into the feature cache.</summary>
    Caching,

    /// <summary>Training batches.</summary>
    Training,

    /// <summary>Validation batches.</summary>
    Validating,
}
