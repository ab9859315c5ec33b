using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Core.Frames;

public sealed class FrameBufferTests
{
    [Fact]
    public void A_rented_frame_has_one_reference_and_counts_as_outstanding()
    {
        var pool = new FramePool();
        var frame = pool.Rent(4, 2);

        Assert.Equal(1, frame.References);
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal((4, 2, 12, 24), (frame.Width, frame.Height, frame.Stride, frame.Length));
        Assert.Equal(24, frame.Pixels.Length);
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void The_last_release_returns_the_frame_to_the_pool()
    {
        var pool = new FramePool();
        var frame = pool.Rent(4, 2);
        frame.Retain();

        frame.Release();
        Assert.Equal(1, pool.Outstanding);
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, frame.References);
    }

    [Fact]
    public void A_double_release_throws_and_does_not_return_the_frame_twice()
    {
        var pool = new FramePool();
        var frame = pool.Rent(4, 2);
        frame.Release();

        Assert.Throws<InvalidOperationException>(frame.Release);
        Assert.Equal(0, frame.References);
        Assert.Equal(0, pool.Outstanding);

        // Had it been queued twice, two renters would now share one buffer.
        var first = pool.Rent(4, 2);
        var second = pool.Rent(4, 2);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Retain_after_the_count_reached_zero_throws_and_leaves_the_frame_in_the_pool()
    {
        var pool = new FramePool();
        var frame = pool.Rent(4, 2);
        frame.Release();

        Assert.Throws<InvalidOperationException>(frame.Retain);
        Assert.Equal(0, frame.References);

        // A wrongly resurrected reference must not be able to return the buffer a second time.
        Assert.Throws<InvalidOperationException>(frame.Release);
        var first = pool.Rent(4, 2);
        var second = pool.Rent(4, 2);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void The_pool_reuses_returned_buffers()
    {
        var pool = new FramePool();
        var frame = pool.Rent(8, 8);
        frame.Release();

        var again = pool.Rent(4, 4);

        Assert.Same(frame, again);
        Assert.Equal((4, 4), (again.Width, again.Height));
        Assert.Equal(1, pool.Allocated);
    }

    [Fact]
    public void The_pool_grows_only_to_the_frames_in_flight()
    {
        var pool = new FramePool();
        for (int i = 0; i < 100; i++)
        {
            var a = pool.Rent(16, 16);
            var b = pool.Rent(16, 16);
            a.Release();
            b.Release();
        }

        Assert.Equal(2, pool.Allocated);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void A_reserve_allocates_up_front_what_the_peak_would_and_renting_up_to_it_allocates_nothing()
    {
        var pool = new FramePool();
        pool.Rent(8, 8).Release(); // one fitting buffer already free
        pool.Rent(2, 2).Release(); // the smallest free one that fits is reused: still one buffer

        pool.Reserve(8, 8, count: 3);
        pool.Reserve(8, 8, count: 3); // already there

        Assert.Equal(3, pool.Allocated);
        var frames = Enumerable.Range(0, 3).Select(_ => pool.Rent(8, 8)).ToList();
        Assert.Equal(3, pool.Allocated);
        frames.ForEach(frame => frame.Release());
        pool.Reserve(16, 16, count: 1); // none of them holds a larger frame
        Assert.Equal(4, pool.Allocated);
    }

    [Fact]
    public void A_larger_frame_than_any_free_buffer_gets_a_new_one()
    {
        var pool = new FramePool();
        var small = pool.Rent(4, 4);
        small.Release();

        var large = pool.Rent(8, 8);

        Assert.NotSame(small, large);
        Assert.Equal(2, pool.Allocated);
        large.Release();
    }

    [Fact]
    public void Renting_a_frame_resets_its_metadata()
    {
        var pool = new FramePool();
        var frame = pool.Rent(4, 4);
        frame.FrameIndex = 9;
        frame.Timestamp = TimeSpan.FromSeconds(3);
        frame.CapturedAt = 123;
        frame.Release();

        var again = pool.Rent(4, 4);

        Assert.Equal((0L, TimeSpan.Zero, 0L), (again.FrameIndex, again.Timestamp, again.CapturedAt));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, -1)]
    [InlineData(FramePool.MaxSide + 1, 4)]
    public void Sizes_outside_the_limits_are_refused(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FramePool().Rent(width, height));
    }

    [Fact]
    public void Copy_from_native_rows_drops_the_row_padding()
    {
        var pool = new FramePool();
        var frame = pool.Rent(2, 2);
        byte[] padded = [1, 2, 3, 4, 5, 6, 99, 99, 7, 8, 9, 10, 11, 12, 99, 99];
        unsafe
        {
            fixed (byte* source = padded)
            {
                frame.CopyFrom((nint)source, 2, 2, 8);
            }
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], frame.Pixels.ToArray());
        frame.Release();
    }

    [Fact]
    public void Copy_from_another_frame_takes_its_size_pixels_and_metadata()
    {
        var pool = new FramePool();
        var source = pool.Rent(2, 1);
        source.Pixels.Fill(7);
        source.FrameIndex = 5;
        source.Timestamp = TimeSpan.FromSeconds(1);
        var target = pool.Rent(4, 4);

        target.CopyFrom(source);

        Assert.Equal((2, 1, 5L, TimeSpan.FromSeconds(1)), (target.Width, target.Height, target.FrameIndex, target.Timestamp));
        Assert.All(target.Pixels.ToArray(), value => Assert.Equal(7, value));
        source.Release();
        target.Release();
    }
}
