using LiveClassify.Capture;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class VideoFileSourceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_whole_video_reads_every_frame_with_container_timestamps(bool indexAtFront)
    {
        string path = indexAtFront ? TestVideos.IndexAtFront : TestVideos.IndexAtEnd;
        var pool = new FramePool();
        using var source = FrameSources.Open(path);

        Assert.Equal((160, 120, 30.0, 60L), (source.Width, source.Height, source.NominalFps, source.ExpectedFrameCount));
        Assert.False(source.IsLive);
        int read = 0;
        while (source.TryRead(pool, out var frame))
        {
            Assert.Equal(read, frame!.FrameIndex);
            Assert.Equal(read / 30.0, frame.Timestamp.TotalSeconds, 3);
            Assert.Equal((160, 120), (frame.Width, frame.Height));
            frame.Release();
            read++;
        }

        Assert.Equal(60, read);
        Assert.True(source.EndOfStream);
        Assert.False(source.IsTruncated);
        Assert.Equal(0, source.ErrorCount);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Decoding_on_one_thread_gives_the_same_frames_as_ffmpegs_own_thread_count()
    {
        string path = TestVideos.IndexAtEnd;

        var frameThreaded = ReadAll(path, new FrameSourceOptions());
        var singleThreaded = ReadAll(path, new FrameSourceOptions { DecodeThreads = 1 });

        Assert.Equal(60, singleThreaded.Count);
        Assert.Equal(frameThreaded, singleThreaded);
    }

    [Fact]
    public void The_decoder_gets_the_thread_count_asked_for()
    {
        using var single = (VideoFileSource)FrameSources.Open(SourceSpec.VideoFile(TestVideos.IndexAtEnd), new FrameSourceOptions { DecodeThreads = 1 });
        using var frameThreaded = (VideoFileSource)FrameSources.Open(SourceSpec.VideoFile(TestVideos.IndexAtEnd), new FrameSourceOptions());

        Assert.Equal(1, single.DecoderThreads);
        Assert.Equal(Environment.ProcessorCount > 1, frameThreaded.DecoderThreads > 1);
    }

    [Fact]
    public void A_video_cut_short_with_its_index_at_the_front_reads_as_far_as_it_goes_and_says_truncated()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("cut.mp4");
        TestVideos.Truncate(TestVideos.IndexAtFront, path, 0.5);
        var pool = new FramePool();
        using var source = FrameSources.Open(path);

        int read = 0;
        while (source.TryRead(pool, out var frame))
        {
            frame!.Release();
            read++;
        }

        Assert.InRange(read, 5, 55);
        Assert.True(source.EndOfStream);
        Assert.True(source.IsTruncated);
        Assert.Equal(60, source.ExpectedFrameCount);
        Assert.Contains($"{path}: truncated: decoded {read} of the 60 frames", source.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_video_cut_short_with_its_index_at_the_end_is_refused_as_truncated()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("cut.mp4");
        TestVideos.Truncate(TestVideos.IndexAtEnd, path, 0.5);

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(path));

        Assert.StartsWith($"{path}: truncated: the index ('moov') is missing and the file ends inside its 'mdat' box", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<CaptureException>(() => FrameSources.Open("/nonexistent/clip.mp4"));

        Assert.Equal("/nonexistent/clip.mp4: file not found", error.Message);
    }

    [Fact]
    public void An_empty_file_is_named()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("empty.mp4");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(path));

        Assert.Equal($"{path}: file is empty (0 bytes)", error.Message);
    }

    [Fact]
    public void A_text_file_named_mp4_is_refused_as_text()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("notes.mp4");
        File.WriteAllText(path, "These are my notes about the video, not the video itself.\n");

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(path));

        Assert.Equal($"{path}: not a video: the file contains text", error.Message);
    }

    [Fact]
    public void Random_bytes_are_refused_as_not_a_video()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("noise.mp4");
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(path));

        Assert.Equal($"{path}: not a video OpenCV can open (unknown format or a corrupt header)", error.Message);
    }

    [Fact]
    public void A_video_whose_frames_are_all_garbage_is_refused()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("garbage.mp4");
        byte[] bytes = File.ReadAllBytes(TestVideos.IndexAtFront);
        // Keep the header and index (the first ~1.6 KB), overwrite every coded frame.
        new Random(3).NextBytes(bytes.AsSpan(2000));
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(path));

        Assert.StartsWith($"{path}: no frame could be decoded", error.Message, StringComparison.Ordinal);
    }

    // Each frame's index, timestamp and a hash of its pixels.
    private static List<(long Index, TimeSpan Timestamp, int Pixels)> ReadAll(string path, FrameSourceOptions options)
    {
        var pool = new FramePool();
        using var source = FrameSources.Open(SourceSpec.VideoFile(path), options);
        var frames = new List<(long, TimeSpan, int)>();
        while (source.TryRead(pool, out var frame))
        {
            var hash = new HashCode();
            hash.AddBytes(frame!.Pixels);
            frames.Add((frame.FrameIndex, frame.Timestamp, hash.ToHashCode()));
            frame.Release();
        }

        return frames;
    }
}
