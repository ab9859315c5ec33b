using LiveClassify.Tests.Support;
using LiveClassify.Train.Data;
using OpenCvSharp;

namespace LiveClassify.Tests.Train.Data;

public sealed class DatasetSplitTests
{
    [Fact]
    public void Split_is_the_same_every_run_disjoint_complete_and_stratified()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "a", 20, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "b", 10, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "c", 3, new Scalar(0, 0, 0));
        var dataset = TrainingDataset.Open(folder.Path);

        var first = DatasetSplit.Stratified(dataset, 0.2, seed: 42);
        var again = DatasetSplit.Stratified(TrainingDataset.Open(folder.Path), 0.2, seed: 42);
        var otherSeed = DatasetSplit.Stratified(dataset, 0.2, seed: 7);

        Assert.Equal(first.Training, again.Training);
        Assert.Equal(first.Validation, again.Validation);
        Assert.NotEqual(first.Validation, otherSeed.Validation);
        Assert.Empty(first.Training.Intersect(first.Validation));
        Assert.Equal(dataset.Images.OrderBy(i => i.Path, StringComparer.Ordinal), first.Training.Concat(first.Validation).OrderBy(i => i.Path, StringComparer.Ordinal));
        Assert.Equal([4, 2, 1], TrainingDataset.CountPerClass(first.Validation, 3));
    }

    [Fact]
    public void A_zero_fraction_keeps_everything_for_training()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "a", 3, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "b", 1, new Scalar(0, 0, 0));

        var split = DatasetSplit.Stratified(TrainingDataset.Open(folder.Path), 0, seed: 1);

        Assert.Empty(split.Validation);
        Assert.Equal(4, split.Training.Count);
    }

    [Fact]
    public void A_fraction_of_one_is_refused()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "a", 2, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "b", 2, new Scalar(0, 0, 0));

        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplit.Stratified(TrainingDataset.Open(folder.Path), 1.0, 0));
    }
}
