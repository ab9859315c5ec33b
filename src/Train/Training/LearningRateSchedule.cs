namespace LiveClassify.Train.Training;

/// <summary>How the learning rate changes from epoch to epoch (<c>--schedule</c>).</summary>
public enum LearningRateSchedule
{
    /// <summary>ReduceLROnPlateau: cut the rate when the validation loss stops improving (<see cref="PlateauScheduler"/>).</summary>
    Plateau,

    /// <summary>Cosine decay from the initial rate towards the minimum over the planned epochs (<see cref="CosineSchedule"/>).</summary>
    Cosine,
}
