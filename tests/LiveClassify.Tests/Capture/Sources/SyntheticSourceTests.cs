using LiveClassify.Capture.Sources;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class SyntheticSourceTests
{
    [Fact]
    public void Counter_frames_carry_their_index_and_pattern_time_then_end()
    {
        var pool = new FramePool();
        using var source = FrameSources.Open("synthetic:counter?w=64&h=48&fps=25&frames=10");

        Assert.Equal((64, 48, 25.0, 10L), (source.Width, source.Height, source.NominalFps, source.ExpectedFrameCount));
        for (int i = 0; i < 10; i++)
        {
            Assert.True(source.TryRead(pool, out var frame));
            Assert.Equal(i, frame!.FrameIndex);
            Assert.Equal(TimeSpan.FromSeconds(i / 25.0), frame.Timestamp);
            Assert.True(frame.CapturedAt > 0);
            Assert.True(CounterCode.TryDecode(frame.Pixels, 64, 48, out long painted));
            Assert.Equal(i, painted);
            frame.Release();
        }

        Assert.False(source.TryRead(pool, out var none));
        Assert.Null(none);
        Assert.True(source.EndOfStream);
        Assert.False(source.IsTruncated);
        Assert.Equal(10, source.FramesRead);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Colour_bars_show_the_eight_bars_left_to_right()
    {
        var pool = new FramePool();
        using var source = FrameSources.Open("synthetic:color-bars?w=80&h=20&frames=1");

        Assert.True(source.TryRead(pool, out var frame));
        for (int bar = 0; bar < 8; bar++)
        {
            int offset = ((10 * 80) + (bar * 10) + 5) * 3;
            Assert.Equal(TestPatterns.Bars[bar], (frame!.Pixels[offset], frame.Pixels[offset + 1], frame.Pixels[offset + 2]));
        }

        frame!.Release();
    }

    [Fact]
    public void Moving_shapes_move_and_repeat_exactly()
    {
        var pool = new FramePool();
        using var first = FrameSources.Open("synthetic:moving-shapes?w=96&h=64");
        using var second = FrameSources.Open("synthetic:moving-shapes?w=96&h=64");
        var a = ReadFrames(first, pool, 3);
        var b = ReadFrames(second, pool, 3);

        Assert.Equal(a[2], b[2]);
        Assert.NotEqual(a[0], a[1]);
        Assert.False(first.EndOfStream);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Reading_after_dispose_is_refused()
    {
        var source = FrameSources.Open("synthetic:counter");
        source.Dispose();

        Assert.Throws<ObjectDisposedException>(() => source.TryRead(new FramePool(), out _));
    }

    private static List<string> ReadFrames(IFrameSource source, FramePool pool, int count)
    {
        var frames = new List<string>();
        for (int i = 0; i < count; i++)
        {
            Assert.True(source.TryRead(pool, out var frame));
            frames.Add(Convert.ToHexString(frame!.Pixels));
            frame.Release();
        }

        return frames;
    }
}
