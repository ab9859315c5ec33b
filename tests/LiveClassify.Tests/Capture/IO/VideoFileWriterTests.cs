using LiveClassify.Capture;
using LiveClassify.Capture.IO;
using LiveClassify.Capture.Sources;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Capture.IO;

public sealed class VideoFileWriterTests
{
    [Fact]
    public void Frames_written_read_back_in_order_with_their_rate()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("counter.mp4");
        var pool = new FramePool();
        WriteCounter(path, pool, 30, VideoCodec.Mp4v);

        using var source = FrameSources.Open(path);
        Assert.Equal((160, 96, 25.0, 30L), (source.Width, source.Height, source.NominalFps, source.ExpectedFrameCount));
        var painted = new List<long>();
        while (source.TryRead(pool, out var frame))
        {
            Assert.True(CounterCode.TryDecode(frame!.Pixels, frame.Width, frame.Height, out long index));
            painted.Add(index);
            frame.Release();
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), painted);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void The_file_appears_under_its_name_only_when_complete()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("out.mp4");
        var pool = new FramePool();
        using var writer = VideoFileWriter.Create(path, 64, 48, 30);
        var frame = pool.Rent(64, 48);
        TestPatterns.PaintColorBars(frame.Pixels, 64, 48);
        writer.Write(frame);
        frame.Release();

        string partial = Assert.Single(Directory.GetFiles(folder.Path));
        Assert.StartsWith(".out.", Path.GetFileName(partial), StringComparison.Ordinal);
        Assert.EndsWith(".mp4", partial, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        writer.Complete();

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        Assert.Equal(1, writer.FramesWritten);
    }

    [Fact]
    public void Disposing_finishes_the_file_under_its_name()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("disposed.mp4");
        var pool = new FramePool();
        using (var writer = VideoFileWriter.Create(path, 64, 48, 30))
        {
            var frame = pool.Rent(64, 48);
            writer.Write(frame);
            writer.Write(frame);
            frame.Release();
        }

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        using var source = FrameSources.Open(path);
        Assert.Equal(2, source.ExpectedFrameCount);
    }

    [Fact]
    public void A_frame_of_another_size_is_refused()
    {
        using var folder = new TempFolder();
        var pool = new FramePool();
        using var writer = VideoFileWriter.Create(folder.Combine("a.mp4"), 64, 48, 30);
        var frame = pool.Rent(32, 48);

        var error = Assert.Throws<ArgumentException>(() => writer.Write(frame));

        Assert.StartsWith($"{writer.Path} is 64x48; a 32x48 frame cannot be written to it.", error.Message, StringComparison.Ordinal);
        frame.Release();
    }

    [Fact]
    public void An_unknown_extension_or_missing_folder_is_refused()
    {
        var extension = Assert.Throws<CaptureException>(() => VideoFileWriter.Create("/tmp/out.gif", 64, 48, 30));
        var folder = Assert.Throws<CaptureException>(() => VideoFileWriter.Create("/nonexistent/out.mp4", 64, 48, 30));

        Assert.StartsWith("/tmp/out.gif: videos are written as .mp4", extension.Message, StringComparison.Ordinal);
        Assert.Equal("/nonexistent/out.mp4: the folder /nonexistent does not exist", folder.Message);
    }

    [Fact]
    public void H264_writes_where_a_hardware_encoder_exists_and_otherwise_fails_saying_so()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("h264.mp4");
        var pool = new FramePool();

        // OpenCvSharp's runtime only has FFmpeg's h264_v4l2m2m encoder, which needs a V4L2 memory-to-memory device
        // (this machine has none): either the file reads back, or the failure says why and leaves nothing behind.
        try
        {
            WriteCounter(path, pool, 10, VideoCodec.H264);
        }
        catch (CaptureException error)
        {
            Assert.Equal($"{path}: OpenCV could not open an H.264 writer for 160x96 at 25 fps: its only H.264 encoder (h264_v4l2m2m) needs a hardware device; write mp4v instead", error.Message);
            Assert.Empty(Directory.GetFiles(folder.Path));
            return;
        }

        using var source = FrameSources.Open(path);
        Assert.Equal(10, source.ExpectedFrameCount);
    }

    private static void WriteCounter(string path, FramePool pool, int count, VideoCodec codec)
    {
        using var writer = VideoFileWriter.Create(path, 160, 96, 25, codec);
        for (int i = 0; i < count; i++)
        {
            var frame = pool.Rent(160, 96);
            CounterCode.Paint(frame.Pixels, 160, 96, i);
            writer.Write(frame);
            frame.Release();
        }

        writer.Complete();
    }
}
