using LiveClassify.Train.Model;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Model;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class MobileNetV2ClassifierTests
{
    [Fact]
    public void Full_width_network_has_torchvisions_52_convolutions_and_17_blocks()
    {
        var architecture = MobileNetV2Architecture.Create(1.0);

        Assert.Equal(52, architecture.Convolutions.Count);
        Assert.Equal(17, architecture.InvertedResidualCount);
        Assert.Equal(17, architecture.Convolutions.Count(c => c.Groups > 1));
        Assert.Equal(1280, architecture.FeatureChannels);
        Assert.Equal(10, architecture.Blocks.Count(b => b.Residual));
    }

    [Theory]
    [InlineData(0.35, 16, 8, 112)]
    [InlineData(0.5, 16, 8, 160)]
    [InlineData(1.0, 32, 16, 320)]
    public void Channel_widths_follow_torchvisions_rounding(double width, int stem, int firstBlock, int lastBlock)
    {
        var architecture = MobileNetV2Architecture.Create(width);

        Assert.Equal(stem, architecture.Convolutions[0].OutChannels);
        Assert.Equal(firstBlock, architecture.Blocks[1].Convolutions[^1].OutChannels);
        Assert.Equal(lastBlock, architecture.Blocks[17].Convolutions[^1].OutChannels);
    }

    [Fact]
    public void Parameter_names_and_count_match_torchvisions_mobilenet_v2()
    {
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(1.0), new HeadSpec(1000, []));
        var names = model.named_parameters().Select(p => p.name).ToHashSet();

        Assert.Contains("features.0.0.weight", names);
        Assert.Contains("features.0.1.bias", names);
        Assert.Contains("features.1.conv.0.0.weight", names);
        Assert.Contains("features.1.conv.1.weight", names);
        Assert.Contains("features.2.conv.3.weight", names);
        Assert.Contains("features.18.0.weight", names);
        Assert.Contains("classifier.1.weight", names);
        // torchvision.models.mobilenet_v2() has 3,504,872 parameters.
        Assert.Equal(3_504_872, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Every_convolution_is_paired_with_its_batchnorm()
    {
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(10, []));

        Assert.Equal(52, model.Convolutions.Count);
        foreach (var (spec, conv, norm) in model.Convolutions)
        {
            Assert.Equal(new long[] { spec.OutChannels, spec.InChannels / spec.Groups, spec.Kernel, spec.Kernel }, conv.weight!.shape);
            Assert.Equal(spec.OutChannels, norm.weight!.shape[0]);
        }
    }

    [Fact]
    public void A_batch_of_images_gives_one_logit_row_per_image()
    {
        using var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(3, [64]));
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        var logits = model.call(randn(2, 3, 96, 96));
        var features = model.ExtractFeatures(randn(2, 3, 96, 96));

        Assert.Equal(new long[] { 2, 3 }, logits.shape);
        Assert.Equal(new long[] { 2, 1280 }, features.shape);
    }
}
