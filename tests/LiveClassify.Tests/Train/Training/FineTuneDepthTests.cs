using LiveClassify.Train.Training;

namespace LiveClassify.Tests.Train.Training;

public sealed class FineTuneDepthTests
{
    [Theory]
    [InlineData("0", 19)]
    [InlineData("3", 15)]
    [InlineData("17", 1)]
    [InlineData("all", 0)]
    public void Depth_names_the_first_trained_feature_block(string text, int first) =>
        Assert.Equal(first, FineTuneDepth.Parse(text).FirstTrainedBlock(featureBlocks: 19, invertedResiduals: 17));

    [Fact]
    public void More_blocks_than_the_network_has_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FineTuneDepth.Parse("18").FirstTrainedBlock(19, 17));

    [Fact]
    public void Words_other_than_all_are_refused() =>
        Assert.Throws<FormatException>(() => FineTuneDepth.Parse("most"));
}
