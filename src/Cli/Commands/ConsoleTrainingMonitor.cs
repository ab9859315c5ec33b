using System.Globalization;
using LiveClassify.Train.Training;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// Shows training as it goes: a progress line per epoch with ETA (redrawn in place on a terminal, every few seconds
/// in logs), and one line per finished epoch on standard output, which a live session parses for its overlay.
/// </summary>
internal sealed class ConsoleTrainingMonitor(TextWriter output, TextWriter log, bool interactive) : ITrainingMonitor
{
    private long _lastProgress;

    public void Message(string text) => log.WriteLine($"train: {text}");

    public void Progress(TrainingProgress progress)
    {
        long now = Environment.TickCount64;
        if (now - _lastProgress < (interactive ? 250 : 5000))
        {
            return;
        }

        _lastProgress = now;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"train: {progress.Stage.ToString().ToLowerInvariant()} epoch {progress.Epoch}/{progress.Epochs} batch {progress.Batch}/{progress.Batches} loss {progress.Loss:0.0000} ETA {progress.Eta:hh\\:mm\\:ss}");
        if (interactive)
        {
            log.Write('\r' + line.PadRight(79));
        }
        else
        {
            log.WriteLine(line);
        }
    }

    public void EpochCompleted(EpochMetrics metrics)
    {
        if (interactive)
        {
            log.Write('\r' + new string(' ', 79) + '\r');
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {metrics.Epoch}  loss {metrics.TrainLoss:0.0000}  acc {metrics.TrainAccuracy:0.0000}  val_loss {metrics.ValidationLoss:0.0000}  val_acc {metrics.ValidationAccuracy:0.0000}  val_top3 {metrics.ValidationTop3:0.0000}  lr {metrics.LearningRate:0.######}  {metrics.Seconds:0.0} s"));
    }
}
