namespace LiveClassify.Train.Training;

/// <summary>Where training is, reported after every batch for a progress bar.</summary>
/// <param name="Stage">What the batches are doing.</param>
/// <param name="Epoch">1-based epoch (0 while the feature cache is built).</param>
/// <param name="Epochs">Requested epochs.</param>
/// <param name="Batch">Batches done in this stage.</param>
/// <param name="Batches">Batches in this stage.</param>
/// <param name="Loss">Running mean loss of the stage (NaN while caching).</param>
/// <param name="Eta">Estimated time left in this stage.</param>
public readonly record struct TrainingProgress(TrainingStage Stage, int Epoch, int Epochs, int Batch, int Batches, double Loss, TimeSpan Eta);
