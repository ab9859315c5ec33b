using LiveClassify.Train.Data;
using LiveClassify.Train.Training;

namespace LiveClassify.Tests.Train.Training;

public sealed class TrainingFingerprintsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fingerprints-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_dataset_fingerprint_ignores_the_order_of_the_images_and_sees_a_changed_file()
    {
        var a = Image("cat/1.png", bytes: 10);
        var b = Image("dog/2.png", bytes: 20);
        string before = TrainingFingerprints.Dataset(_root, [a, b]);

        Assert.Equal(before, TrainingFingerprints.Dataset(_root, [b, a]));
        File.WriteAllBytes(b.Path, new byte[21]);
        Assert.NotEqual(before, TrainingFingerprints.Dataset(_root, [a, b]));
    }

    [Fact]
    public void A_run_fingerprint_changes_with_the_schedule_but_not_with_the_epoch_count()
    {
        var options = new TrainingOptions { Dataset = _root, Epochs = 10 };
        string run = TrainingFingerprints.Run("data", ["cat", "dog"], options);

        // More epochs continue the same run (--resume after it finished); another schedule is another run.
        Assert.Equal(run, TrainingFingerprints.Run("data", ["cat", "dog"], options with { Epochs = 20 }));
        Assert.NotEqual(run, TrainingFingerprints.Run("data", ["cat", "dog"], options with { Schedule = LearningRateSchedule.Cosine }));
    }

    private LabeledImage Image(string relativePath, int bytes)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        return new LabeledImage(path, 0);
    }
}
