namespace LiveClassify.Train.Training;

/// <summary>The figures of one epoch. Validation figures are NaN when there is no validation set.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss (with class weights, as optimised).</param>
/// <param name="TrainAccuracy">Training accuracy (dropout and augmentation active).</param>
/// <param name="TrainTop3">Training top-3 accuracy.</param>
/// <param name="ValidationLoss">Mean validation loss, without class weights.</param>
/// <param name="ValidationAccuracy">Validation accuracy.</param>
/// <param name="ValidationTop3">Validation top-3 accuracy.</param>
/// <param name="LearningRate">Learning rate used during the epoch.</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TrainTop3,
    double ValidationLoss,
    double ValidationAccuracy,
    double ValidationTop3,
    double LearningRate,
    double Seconds)
{
    /// <summary>The figure that scheduling, early stopping and "best epoch" follow: validation loss, else training loss.</summary>
    public double Monitored => double.IsNaN(ValidationLoss) ? TrainLoss : ValidationLoss;
}
