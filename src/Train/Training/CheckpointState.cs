namespace LiveClassify.Train.Training;

/// <summary>The JSON part of a checkpoint: where training was and what it had learned about itself.</summary>
internal sealed record CheckpointState(
    string Fingerprint,
    int Epoch,
    int BestEpoch,
    double BestMonitored,
    int EarlyStoppingWait,
    double LearningRate,
    double PlateauBest,
    int PlateauWait,
    IReadOnlyList<EpochMetrics> History);
