using LiveClassify.Tests.Support;
using LiveClassify.Train.Data;
using OpenCvSharp;

namespace LiveClassify.Tests.Train.Data;

public sealed class TrainingDatasetTests
{
    [Fact]
    public void Class_names_are_the_sorted_subfolders_and_root_files_are_ignored()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "zebra", 2, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "Apple", 3, new Scalar(0, 0, 0));
        DataFolders.WriteClass(folder.Path, "cat", 1, new Scalar(0, 0, 0));
        File.WriteAllBytes(folder.Combine("stray.png"), [1, 2, 3]);

        var dataset = TrainingDataset.Open(folder.Path);

        Assert.Equal(["Apple", "cat", "zebra"], dataset.ClassNames);
        Assert.Equal(6, dataset.Images.Count);
        Assert.Equal([3, 1, 2], TrainingDataset.CountPerClass(dataset.Images, 3));
        Assert.All(dataset.Images, image => Assert.Equal(dataset.ClassNames[image.Label], Path.GetFileName(Path.GetDirectoryName(image.Path))));
    }

    [Fact]
    public void One_class_is_a_clear_error()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "only", 2, new Scalar(0, 0, 0));

        var error = Assert.Throws<InvalidDataException>(() => TrainingDataset.Open(folder.Path));

        Assert.Contains("at least two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_class_is_a_clear_error_naming_it()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "full", 2, new Scalar(0, 0, 0));
        Directory.CreateDirectory(folder.Combine("hollow"));

        var error = Assert.Throws<InvalidDataException>(() => TrainingDataset.Open(folder.Path));

        Assert.Contains("'hollow'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_folder_with_other_classes_is_refused()
    {
        using var train = new TempFolder();
        using var validation = new TempFolder();
        DataFolders.WriteClass(train.Path, "a", 1, new Scalar(0, 0, 0));
        DataFolders.WriteClass(train.Path, "b", 1, new Scalar(0, 0, 0));
        DataFolders.WriteClass(validation.Path, "a", 1, new Scalar(0, 0, 0));
        DataFolders.WriteClass(validation.Path, "c", 1, new Scalar(0, 0, 0));

        var error = Assert.Throws<InvalidDataException>(() => TrainingDataset.Open(train.Path).OpenMatching(validation.Path));

        Assert.Contains("[a, c]", error.Message, StringComparison.Ordinal);
    }
}
