using LiveClassify.Capture;
using LiveClassify.Capture.IO;
using LiveClassify.Capture.Sources;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class ImageFolderSourceTests
{
    [Fact]
    public void Images_are_read_in_name_order_and_a_broken_one_is_counted_and_skipped()
    {
        using var folder = new TempFolder();
        WriteCounterPng(folder.Combine("b_001.png"), 1);
        WriteCounterPng(folder.Combine("a_000.png"), 0);
        WriteCounterPng(folder.Combine("d_003.png"), 3);
        File.WriteAllText(folder.Combine("c_002.png"), "not a png");
        File.WriteAllText(folder.Combine("readme.txt"), "ignored");
        var pool = new FramePool();
        using var source = FrameSources.Open(folder.Path, new FrameSourceOptions { ImageFps = 10 });

        var painted = new List<long>();
        while (source.TryRead(pool, out var frame))
        {
            Assert.Equal(painted.Count / 10.0, frame!.Timestamp.TotalSeconds, 6);
            Assert.True(CounterCode.TryDecode(frame.Pixels, frame.Width, frame.Height, out long index));
            painted.Add(index);
            frame.Release();
        }

        Assert.Equal([0L, 1L, 3L], painted);
        Assert.True(source.EndOfStream);
        Assert.Equal(1, source.ErrorCount);
        Assert.Equal($"{folder.Combine("c_002.png")}: not a decodable image (unknown format or corrupt data)", source.LastError);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void A_glob_reads_only_matching_files()
    {
        using var folder = new TempFolder();
        WriteCounterPng(folder.Combine("keep_1.png"), 1);
        WriteCounterPng(folder.Combine("skip_2.png"), 2);
        var pool = new FramePool();
        using var source = FrameSources.Open(folder.Combine("keep_*.png"));

        Assert.Equal((48, 32), (source.Width, source.Height));
        Assert.True(source.TryRead(pool, out var frame));
        Assert.True(CounterCode.TryDecode(frame!.Pixels, 48, 32, out long index));
        Assert.Equal(1, index);
        frame.Release();
        Assert.False(source.TryRead(pool, out _));
    }

    [Fact]
    public void A_single_image_is_a_source_of_one_frame()
    {
        using var folder = new TempFolder();
        WriteCounterPng(folder.Combine("one.png"), 5);
        var pool = new FramePool();
        using var source = FrameSources.Open(folder.Combine("one.png"));

        Assert.True(source.TryRead(pool, out var frame));
        frame!.Release();
        Assert.False(source.TryRead(pool, out _));
        Assert.Equal(1, source.FramesRead);
    }

    [Fact]
    public void A_folder_without_images_is_refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("readme.txt"), "no images here");

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(folder.Path));

        Assert.StartsWith($"{folder.Path}: the folder holds no images (.bmp, .jpeg, .jpg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_matching_nothing_is_refused()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(folder.Combine("*.jpg")));

        Assert.Equal($"{folder.Combine("*.jpg")}: no file in {folder.Path} matches *.jpg", error.Message);
    }

    [Fact]
    public void A_glob_in_a_missing_folder_is_refused()
    {
        var error = Assert.Throws<CaptureException>(() => FrameSources.Open("/nonexistent/shots/*.jpg"));

        Assert.Equal("/nonexistent/shots: folder not found", error.Message);
    }

    [Fact]
    public void A_folder_where_no_image_decodes_is_refused()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.Combine("a.jpg"), []);
        File.WriteAllText(folder.Combine("b.jpg"), "text");

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(folder.Path));

        Assert.Equal($"{folder.Path}: none of the 2 image(s) could be decoded; last error: {folder.Combine("b.jpg")}: not a decodable image (unknown format or corrupt data)", error.Message);
    }

    private static void WriteCounterPng(string path, long index)
    {
        var pool = new FramePool();
        var frame = pool.Rent(48, 32);
        CounterCode.Paint(frame.Pixels, 48, 32, index);
        File.WriteAllBytes(path, ImageCodec.EncodePng(frame));
        frame.Release();
    }
}
