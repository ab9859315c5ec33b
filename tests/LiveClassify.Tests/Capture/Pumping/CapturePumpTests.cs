using System.Threading.Channels;
using LiveClassify.Capture;
using LiveClassify.Capture.Pumping;
using LiveClassify.Capture.Sources;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Capture.Pumping;

public sealed class CapturePumpTests
{
    private static readonly CapturePumpOptions Batch = new() { Pacing = CapturePacing.AsFastAsPossible, QueueCapacity = 4 };

    [Fact]
    public async Task As_fast_as_possible_gives_every_frame_in_order_to_every_consumer_even_a_slow_one()
    {
        var pool = new FramePool();
        using var pump = CapturePump.Create(SourceSpec.Parse("synthetic:counter?w=64&h=40&frames=120"), pool, options: Batch);
        var fast = pump.AddConsumer("fast");
        var slow = pump.AddConsumer("slow");
        pump.Start();

        var both = await Task.WhenAll(Collect(fast.Reader, TimeSpan.Zero), Collect(slow.Reader, TimeSpan.FromMilliseconds(1)));
        await pump.Completion;

        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), both[0]);
        Assert.Equal(both[0], both[1]);
        Assert.Equal((120L, 0L), (slow.Delivered, slow.Dropped));
        Assert.Equal(120, pump.FramesRead);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Real_time_plays_a_pattern_at_its_rate_and_drops_the_oldest_frame_for_a_slow_consumer()
    {
        var pool = new FramePool();
        using var pump = CapturePump.Create(SourceSpec.Parse("synthetic:counter?w=64&h=40&fps=100&frames=50"), pool);
        var slow = pump.AddConsumer("slow");
        var started = System.Diagnostics.Stopwatch.StartNew();
        pump.Start();

        var received = await Collect(slow.Reader, TimeSpan.FromMilliseconds(40));
        await pump.Completion;

        // 50 frames at 100 fps take 0.49 s from the first frame to the last.
        Assert.InRange(started.Elapsed.TotalSeconds, 0.45, 5);
        Assert.InRange(received.Count, 2, 30);
        Assert.Equal(received.Order(), received);
        Assert.Equal(49, received[^1]);
        Assert.Equal(50, slow.Delivered);
        Assert.Equal(50, received.Count + slow.Dropped);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_silent_live_source_is_reopened_and_numbering_continues()
    {
        var pool = new FramePool();
        var opened = new List<FlakyLiveSource>();
        FlakyLiveSource Open()
        {
            var source = new FlakyLiveSource(5);
            opened.Add(source);
            return source;
        }

        var statuses = new List<CaptureStatus>();
        var options = new CapturePumpOptions { Pacing = CapturePacing.AsFastAsPossible, EmptyReadsBeforeReconnect = 3, EmptyReadPause = TimeSpan.FromMilliseconds(1), ReconnectDelay = TimeSpan.FromMilliseconds(5) };
        using var pump = new CapturePump(Open(), pool, Open, options);
        pump.StatusChanged += statuses.Add;
        var consumer = pump.AddConsumer("inference");
        pump.Start();

        var indices = new List<long>();
        while (indices.Count < 15)
        {
            var frame = await consumer.Reader.ReadAsync(TestContext.Current.CancellationToken);
            indices.Add(frame.FrameIndex);
            frame.Release();
        }

        pump.Stop();
        await pump.Completion;

        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), indices);
        Assert.True(pump.Reconnects >= 2);
        Assert.All(opened.SkipLast(1), source => Assert.True(source.Disposed));
        var first = statuses.First(s => s.State == CaptureState.Reconnecting);
        Assert.Equal("rtsp://camera.test/stream: disconnected (rtsp://camera.test/stream: the stream stopped); reconnecting in 0.005 s (attempt 1)", first.Message);
        Assert.Contains(statuses, s => s.State == CaptureState.Reconnected);
        Assert.Equal(CaptureState.Stopped, statuses[^1].State);
    }

    [Fact]
    public async Task A_live_source_that_cannot_be_reopened_fails_the_pump_after_the_allowed_attempts()
    {
        var pool = new FramePool();
        var options = new CapturePumpOptions { EmptyReadsBeforeReconnect = 2, EmptyReadPause = TimeSpan.FromMilliseconds(1), ReconnectDelay = TimeSpan.FromMilliseconds(2), MaxReconnectAttempts = 3 };
        using var flaky = new FlakyLiveSource(2);
        using var pump = new CapturePump(flaky, pool, () => throw new CaptureException("rtsp://camera.test/stream", "connection refused"), options);
        var statuses = new List<CaptureStatus>();
        pump.StatusChanged += statuses.Add;
        var consumer = pump.AddConsumer("display");
        pump.Start();

        var error = await Assert.ThrowsAsync<CaptureException>(() => pump.Completion);

        Assert.Equal("rtsp://camera.test/stream: gave up after 3 reconnection attempts; last error: rtsp://camera.test/stream: connection refused", error.Message);
        Assert.Equal(3, statuses.Count(s => s.State == CaptureState.Reconnecting));
        Assert.Equal(
            ["in 0.002 s (attempt 1)", "in 0.004 s (attempt 2)", "in 0.008 s (attempt 3)"],
            statuses.Where(s => s.State == CaptureState.Reconnecting).Select(s => s.Message[s.Message.IndexOf("in 0.", StringComparison.Ordinal)..]));
        Assert.Equal(CaptureState.Failed, statuses[^1].State);
        // A channel completes once it is empty: take the frame left in it first.
        consumer.Reader.TryRead(out var last);
        last?.Release();
        await Assert.ThrowsAsync<CaptureException>(async () => await consumer.Reader.Completion);
    }

    [Fact]
    public void Disposing_a_running_pump_stops_it_and_returns_every_frame_to_the_pool()
    {
        var pool = new FramePool();
        var pump = CapturePump.Create(SourceSpec.Parse("synthetic:moving-shapes?w=64&h=48&fps=200"), pool);
        var consumer = pump.AddConsumer("display");
        pump.Start();
        SpinWait.SpinUntil(() => consumer.Delivered >= 5, TimeSpan.FromSeconds(5));

        pump.Dispose();

        Assert.True(pump.Completion.IsCompletedSuccessfully);
        Assert.True(consumer.Reader.Completion.IsCompleted);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void A_pump_disposed_before_it_started_completes_and_disposes_its_source()
    {
        var pool = new FramePool();
        using var source = new FlakyLiveSource(1);
        var pump = new CapturePump(source, pool);
        var consumer = pump.AddConsumer("display");

        pump.Dispose();

        Assert.True(pump.Completion.IsCompletedSuccessfully);
        Assert.True(consumer.Reader.Completion.IsCompleted);
        Assert.True(source.Disposed);
    }

    [Fact]
    public async Task A_file_pumped_to_the_end_reports_ended()
    {
        var pool = new FramePool();
        using var pump = CapturePump.Create(SourceSpec.Parse(TestVideos.IndexAtFront), pool, options: Batch);
        var statuses = new List<CaptureStatus>();
        pump.StatusChanged += statuses.Add;
        var consumer = pump.AddConsumer("label");
        pump.Start();

        int received = 0;
        await foreach (var frame in consumer.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(received++, frame.FrameIndex);
            frame.Release();
        }

        await pump.Completion;

        Assert.Equal(60, received);
        Assert.Equal(new CaptureStatus(CaptureState.Ended, $"{TestVideos.IndexAtFront}: end of stream after 60 frames"), statuses.Single());
    }

    [Theory]
    [InlineData("synthetic:counter?w=640&h=480&frames=400")]
    [InlineData("video")]
    public async Task The_capture_thread_allocates_nothing_per_frame_in_steady_state(string source)
    {
        string text = source == "video" ? TestVideos.Make("alloc.mp4", "-f lavfi -i testsrc2=size=320x240:rate=30 -t 14 -c:v libx264 -pix_fmt yuv420p") : source;
        var pool = new FramePool();
        using var pump = CapturePump.Create(SourceSpec.Parse(text), pool, options: Batch);
        var consumer = pump.AddConsumer("probe");
        // The pool grows to the most frames in flight at once (capture, queue of 4, consumer): a consumer that stalls
        // late would make it grow late. Filling it first leaves only per-frame allocations to measure.
        var warm = Enumerable.Range(0, 8).Select(_ => pool.Rent(pump.Source.Width, pump.Source.Height)).ToList();
        warm.ForEach(frame => frame.Release());
        pump.Start();

        long before = 0, after = 0;
        int count = 0;
        await foreach (var frame in consumer.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            frame.Release();
            count++;
            // The pump's figure lags a frame or two behind the consumer, which does not matter over 100 frames.
            if (count == 200)
            {
                before = pump.CaptureThreadAllocatedBytes;
            }
            else if (count == 300)
            {
                after = pump.CaptureThreadAllocatedBytes;
            }
        }

        await pump.Completion;
        Assert.True(count >= 300);
        Assert.Equal(0, after - before);
    }

    /// <summary>Reads a counter pattern to the end: the indices painted in the frames, checked against their FrameIndex.</summary>
    private static async Task<List<long>> Collect(ChannelReader<FrameBuffer> reader, TimeSpan workPerFrame)
    {
        var indices = new List<long>();
        await foreach (var frame in reader.ReadAllAsync())
        {
            Assert.True(CounterCode.TryDecode(frame.Pixels, frame.Width, frame.Height, out long painted));
            Assert.Equal(frame.FrameIndex, painted);
            indices.Add(painted);
            frame.Release();
            if (workPerFrame > TimeSpan.Zero)
            {
                Thread.Sleep(workPerFrame);
            }
        }

        return indices;
    }
}
