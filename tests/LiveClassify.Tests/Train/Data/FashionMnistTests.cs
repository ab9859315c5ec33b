using LiveClassify.Tests.Support;
using LiveClassify.Train.Data;

namespace LiveClassify.Tests.Train.Data;

public sealed class FashionMnistTests
{
    [Fact]
    public void Test_set_has_ten_thousand_labelled_28_pixel_images()
    {
        RequireInstalled();

        var set = FashionMnist.Read(test: true);

        Assert.Equal(10_000, set.Count);
        Assert.Equal((28, 28), (set.Rows, set.Columns));
        Assert.Equal(Enumerable.Repeat(1000, 10), set.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Class_folders_are_written_as_a_trainable_dataset_with_disjoint_slices()
    {
        RequireInstalled();
        var set = FashionMnist.Read(test: true);
        using var first = new TempFolder();
        using var second = new TempFolder();

        int written = FashionMnist.WriteClassFolders(set, first.Path, perClass: 4, classes: [1, 8, 9]);
        FashionMnist.WriteClassFolders(set, second.Path, perClass: 4, classes: [1, 8, 9], skipPerClass: 4);
        var dataset = TrainingDataset.Open(first.Path);
        var other = TrainingDataset.Open(second.Path);

        Assert.Equal(12, written);
        Assert.Equal(["Ankle boot", "Bag", "Trouser"], dataset.ClassNames);
        Assert.Empty(dataset.Images.Select(i => Path.GetFileName(i.Path)).Intersect(other.Images.Select(i => Path.GetFileName(i.Path))));
        Assert.Equal(12, ImageLoader.KeepDecodable(dataset.Images, new List<string>()).Count);
    }

    /// <summary>Skips when Debian's dataset-fashion-mnist package is not installed.</summary>
    internal static void RequireInstalled() =>
        Assert.SkipUnless(FashionMnist.IsInstalled(), "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
}
