using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Onnx;
using LiveClassify.Train.Model;
using LiveClassify.Train.Training;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Model;

/// <summary>
/// A base whose BatchNorm was folded into its convolutions must start fine-tuning as the network it is: in training
/// mode its BatchNorm layers normalise with batch statistics, so those statistics are measured again first.
/// </summary>
[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class FoldedBatchNormTests
{
    [Fact]
    public void After_recalibration_a_folded_base_in_training_mode_computes_what_it_computes_in_evaluation_mode()
    {
        using var images = FixtureImages();
        // A training-mode pass updates running statistics, so the unrecalibrated network runs in a copy of its own.
        using var unrecalibrated = Imported("mobilenetv2_w035_c10_folded.onnx");
        float[] evaluation = Logits(unrecalibrated, images, training: false);
        double before = MaxDiff(evaluation, Logits(unrecalibrated, images, training: true, Pass(unrecalibrated)));
        using var model = Imported("mobilenetv2_w035_c10_folded.onnx");
        var norms = model.Convolutions.Select(c => c.Norm).ToList();

        long measured = FoldedBatchNorm.Recalibrate(model, norms, [images.clone()]); // Recalibrate disposes its batches

        double after = MaxDiff(evaluation, Logits(model, images, training: true, Pass(model)));
        TestContext.Current.SendDiagnosticMessage($"training-mode logits differ from evaluation mode by {before:G3} before recalibration, {after:G3} after");
        Assert.Equal(4, measured);
        Assert.InRange(before, 0.5, double.PositiveInfinity);
        Assert.InRange(after, 0, 1e-3);
        Assert.DoesNotContain(norms, FoldedBatchNorm.IsFolded);
    }

    [Fact]
    public void Recalibration_leaves_the_evaluation_mode_network_as_it_was()
    {
        using var model = Imported("mobilenetv2_w035_c10_folded.onnx");
        using var images = FixtureImages();
        float[] before = Logits(model, images, training: false);

        FoldedBatchNorm.Recalibrate(model, [.. model.Convolutions.Select(c => c.Norm)], [images.clone()]); // Recalibrate disposes its batches

        Assert.InRange(MaxDiff(before, Logits(model, images, training: false)), 0, 1e-4);
    }

    [Theory]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", true)]
    [InlineData("mobilenetv2_w035_c10_bn.onnx", false)]
    public void Only_a_folded_import_is_recognised_as_folded(string fixture, bool folded)
    {
        using var model = Imported(fixture);

        Assert.All(model.Convolutions, c => Assert.Equal(folded, FoldedBatchNorm.IsFolded(c.Norm)));
    }

    [Fact]
    public void A_freshly_initialised_network_is_not_taken_for_a_folded_one()
    {
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(10, [], 0));

        Assert.DoesNotContain(model.Convolutions, c => FoldedBatchNorm.IsFolded(c.Norm));
    }

    // No dropout, so that training mode differs from evaluation mode only in BatchNorm.
    private static MobileNetV2Classifier Imported(string fixture) => ImportedFixture.Open(fixture, new HeadSpec(10, [], 0));

    private static NetworkPass Pass(MobileNetV2Classifier model) => new(model, FineTuneDepth.Parse("all"), binary: false);

    private static Tensor FixtureImages() =>
        tensor(TestData.ReadFloats(TestData.Fixture("mobilenetv2_w035_c10_ref/input_batch4.bin")), [4, 3, 96, 96]);

    private static float[] Logits(MobileNetV2Classifier model, Tensor images, bool training, NetworkPass? pass = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (training)
        {
            pass!.SetTraining();
        }
        else
        {
            model.eval();
        }

        float[] logits = model.call(images).data<float>().ToArray();
        model.eval();
        return logits;
    }

    private static double MaxDiff(float[] a, float[] b) => a.Zip(b).Max(pair => Math.Abs(pair.First - (double)pair.Second));
}
