using LiveClassify.Cli.Benchmarks;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using LiveClassify.Train.Data;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;
using LiveClassify.Train.Training;
using OpenCvSharp;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Cli.Benchmarks;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class PlainTorchTrainingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TrainingDataset _dataset;

    public PlainTorchTrainingTests()
    {
        // Three plain colours: a set any working training loop separates within a few epochs.
        DataFolders.WriteClass(_folder.Path, "blue", 6, new Scalar(200, 30, 30));
        DataFolders.WriteClass(_folder.Path, "green", 6, new Scalar(30, 200, 30));
        DataFolders.WriteClass(_folder.Path, "red", 6, new Scalar(30, 30, 200));
        _dataset = TrainingDataset.Open(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_plain_loop_lowers_the_training_loss()
    {
        // The head alone on the reference backbone, whose BatchNorm statistics are calibrated: a random backbone frozen
        // in evaluation mode gives features that barely differ between images, and the loss would stay at ln 3.
        var source = OnnxImporter.Read(TestData.Fixture("mobilenetv2_w035_c10_bn.onnx"));
        var options = Options(FineTuneDepth.HeadOnly) with { LearningRate = 1e-2, LoadBaseWeights = model => OnnxImporter.Import(source, model) };
        using var plain = new PlainTorchTraining(options, _dataset.Images, classCount: 3);

        double first = plain.TrainEpoch();
        double last = first;
        for (int epoch = 2; epoch <= 8; epoch++)
        {
            last = plain.TrainEpoch();
        }

        Assert.Equal(18, plain.ImageCount);
        Assert.True(double.IsFinite(first), $"first epoch loss {first}");
        Assert.True(last < first * 0.7, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Head_only_leaves_every_backbone_weight_and_batchnorm_statistic_alone_and_trains_the_head()
    {
        using var plain = new PlainTorchTraining(Options(FineTuneDepth.HeadOnly), _dataset.Images, classCount: 3);
        var before = Snapshot(plain.Model);

        plain.TrainEpoch();
        plain.TrainEpoch();

        var after = Snapshot(plain.Model);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, values) in before)
        {
            if (name.StartsWith("classifier.", StringComparison.Ordinal))
            {
                Assert.False(values.SequenceEqual(after[name]), $"{name} should have changed");
            }
            else
            {
                Assert.True(values.SequenceEqual(after[name]), $"{name} should be bit-identical");
            }
        }
    }

    [Fact]
    public void An_image_that_does_not_decode_is_named()
    {
        string broken = Path.Combine(_folder.Path, "red", "broken.png");
        File.WriteAllText(broken, "not a png");

        var error = Assert.Throws<InvalidDataException>(() => new PlainTorchTraining(Options(FineTuneDepth.HeadOnly), TrainingDataset.Open(_folder.Path).Images, 3));

        Assert.Contains("broken.png", error.Message, StringComparison.Ordinal);
    }

    private TrainingOptions Options(FineTuneDepth depth) => new()
    {
        Dataset = _folder.Path,
        ImageSize = 32,
        WidthMultiplier = 0.35,
        Normalization = Normalization.Tf,
        FineTune = depth,
        BatchSize = 6,
        LearningRate = 3e-3,
    };

    private static Dictionary<string, float[]> Snapshot(MobileNetV2Classifier model)
    {
        using var scope = NewDisposeScope();
        return model.state_dict()
            .Where(p => p.Value.dtype == ScalarType.Float32)
            .ToDictionary(p => p.Key, p => p.Value.cpu().data<float>().ToArray());
    }
}
