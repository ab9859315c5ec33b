namespace LiveClassify.Train.Training;

/// <summary>Why training ended.</summary>
public enum TrainingStop
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,

    /// <summary>The monitored loss stopped improving for the early-stopping patience.</summary>
    EarlyStopped,

    /// <summary>The cancellation token fired; training stopped after the batch in progress.</summary>
    Cancelled,
}
