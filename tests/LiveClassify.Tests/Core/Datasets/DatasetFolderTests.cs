using LiveClassify.Core.Datasets;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Core.Datasets;

public sealed class DatasetFolderTests
{
    [Fact]
    public void Classes_are_the_subfolders_sorted_ordinally_and_root_files_are_ignored()
    {
        using var root = new TempFolder();
        foreach (string name in (string[])["b", "a", "B", "_review", ".trash"])
        {
            Directory.CreateDirectory(root.Combine(name));
            File.WriteAllBytes(root.Combine(name, "1.png"), [1]);
        }

        File.WriteAllBytes(root.Combine("loose.png"), [1]);
        File.WriteAllText(root.Combine("README.txt"), "notes");

        var dataset = DatasetFolder.Scan(root.Path);

        Assert.Equal(["B", "a", "b"], dataset.ClassNames);
        Assert.Equal(3, dataset.ImageCount);
        Assert.Equal(root.Path, dataset.Root);
    }

    [Fact]
    public void Images_are_sorted_ordinally_and_other_files_are_ignored()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("cat"));
        foreach (string name in (string[])["2.png", "10.JPG", "a.jpeg", "notes.txt", ".cat.png.1.abc.tmp", ".hidden.png"])
        {
            File.WriteAllBytes(root.Combine("cat", name), [1]);
        }

        var images = DatasetFolder.Scan(root.Path).Classes.Single().Images;

        Assert.Equal([root.Combine("cat", "10.JPG"), root.Combine("cat", "2.png"), root.Combine("cat", "a.jpeg")], images);
    }

    [Fact]
    public void An_empty_class_folder_is_a_class_with_no_images()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("empty"));

        var dataset = DatasetFolder.Scan(root.Path);

        Assert.Equal(["empty"], dataset.ClassNames);
        Assert.Empty(dataset.Classes[0].Images);
    }

    [Fact]
    public void A_missing_folder_is_refused_by_name()
    {
        using var root = new TempFolder();
        string missing = root.Combine("nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => DatasetFolder.Scan(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
