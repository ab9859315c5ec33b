using LiveClassify.Train.Training;

namespace LiveClassify.Tests.Train.Training;

/// <summary>Keeps what training reports; optionally cancels after a number of training batches.</summary>
internal sealed class RecordingMonitor(CancellationTokenSource? cancelAfter = null, int batches = int.MaxValue) : ITrainingMonitor
{
    private int _trainingBatches;

    public List<string> Messages { get; } = [];

    public List<EpochMetrics> Epochs { get; } = [];

    public List<TrainingProgress> Progress { get; } = [];

    public void Message(string text) => Messages.Add(text);

    public void EpochCompleted(EpochMetrics metrics) => Epochs.Add(metrics);

    void ITrainingMonitor.Progress(TrainingProgress progress)
    {
        Progress.Add(progress);
        if (progress.Stage == TrainingStage.Training && ++_trainingBatches >= batches)
        {
            cancelAfter?.Cancel();
        }
    }
}
