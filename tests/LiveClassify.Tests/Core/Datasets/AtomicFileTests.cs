using LiveClassify.Core.Datasets;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Core.Datasets;

public sealed class AtomicFileTests
{
    [Fact]
    public void Data_goes_to_a_hidden_temporary_file_and_appears_under_its_name_only_when_complete()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("model.onnx");
        string[] duringWrite = [];

        AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            Assert.False(File.Exists(path));
            duringWrite = Directory.GetFiles(folder.Path);
        });

        string temporary = Assert.Single(duringWrite);
        Assert.True(AtomicFile.IsTemporary(temporary), temporary);
        Assert.False(ImageFiles.IsImage(temporary));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void An_interrupted_write_leaves_no_final_file_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("model.onnx");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new IOException("disk unplugged");
        }));

        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void An_interrupted_replacement_keeps_the_old_file()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("model.onnx");
        AtomicFile.WriteAllBytes(path, [1]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("failed")));

        Assert.Equal([1], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_all_bytes_replaces_an_existing_file()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("a.json");
        AtomicFile.WriteAllBytes(path, [1]);
        AtomicFile.WriteAllBytes(path, [2, 3]);

        Assert.Equal([2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_new_uses_the_name_when_it_is_free()
    {
        using var folder = new TempFolder();

        string path = AtomicFile.WriteNew(folder.Path, "frame", ".png", [1]);

        Assert.Equal(folder.Combine("frame.png"), path);
        Assert.Equal([1], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_new_never_overwrites_an_existing_file()
    {
        using var folder = new TempFolder();
        string taken = folder.Combine("frame.png");
        File.WriteAllBytes(taken, [9]);

        string path = AtomicFile.WriteNew(folder.Path, "frame", ".png", [1]);

        Assert.NotEqual(taken, path);
        Assert.Matches(@"frame-[0-9a-f]{6}\.png$", path);
        Assert.Equal([9], File.ReadAllBytes(taken));
        Assert.Equal([1], File.ReadAllBytes(path));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Concurrent_writers_of_one_name_each_get_their_own_file()
    {
        using var folder = new TempFolder();
        const int Writers = 64;

        var paths = new string[Writers];
        Parallel.For(0, Writers, i => paths[i] = AtomicFile.WriteNew(folder.Path, "frame", ".png", [(byte)i]));

        Assert.Equal(Writers, paths.Distinct().Count());
        Assert.Equal(Writers, Directory.GetFiles(folder.Path).Length);
        for (int i = 0; i < Writers; i++)
        {
            Assert.Equal([(byte)i], File.ReadAllBytes(paths[i]));
        }
    }

    [Fact]
    public void Write_new_into_a_missing_folder_fails_and_leaves_nothing()
    {
        using var folder = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteNew(folder.Combine("missing"), "frame", ".png", [1]));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData(".model.onnx.123.abcdef.tmp", true)]
    [InlineData("model.onnx", false)]
    [InlineData(".hidden", false)]
    [InlineData("model.tmp", false)]
    public void Temporary_files_are_recognised_by_name(string name, bool temporary)
    {
        Assert.Equal(temporary, AtomicFile.IsTemporary("/data/" + name));
    }

    [Fact]
    public void No_space_left_is_recognised_as_a_full_disk()
    {
        Assert.True(AtomicFile.IsDiskFull(new IOException("No space left on device", 28)));
        Assert.False(AtomicFile.IsDiskFull(new IOException("Permission denied", 13)));
    }
}
