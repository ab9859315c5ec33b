using System.Diagnostics;
using LiveClassify.Capture.Pumping;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Tests.Capture;

/// <summary>
/// Decode-only speed of a 640x480 H.264 file: bare OpenCV, through <see cref="IFrameSource"/>, and through
/// <see cref="CapturePump"/>. Opt-in (LIVECLASSIFY_BENCH=1); run with -showliveoutput to see the numbers.
/// </summary>
public sealed class FrameSourceBenchmarkTests
{
    private const int Rounds = 5;

    [Fact]
    public async Task Decode_only_fps_of_a_640x480_h264_file()
    {
        if (Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCH") != "1")
        {
            Assert.Skip("benchmark: set LIVECLASSIFY_BENCH=1");
        }

        string path = TestVideos.Make("bench-640x480.mp4", "-f lavfi -i testsrc2=size=640x480:rate=30 -t 20 -c:v libx264 -pix_fmt yuv420p");
        var output = TestContext.Current.TestOutputHelper!;
        var results = new List<(string Name, double Fps)>();
        for (int round = 0; round < Rounds; round++)
        {
            results.Add(("bare VideoCapture.Read", Bare(path)));
            results.Add(("IFrameSource.TryRead", ThroughSource(path)));
            results.Add(("CapturePump (as fast as possible)", await ThroughPump(path)));
        }

        foreach (var group in results.GroupBy(r => r.Name))
        {
            var fps = group.Select(r => r.Fps).Order().ToArray();
            output.WriteLine($"{group.Key}: median {fps[fps.Length / 2]:F0} frames/s (runs: {string.Join(", ", fps.Select(f => f.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
            Assert.All(fps, f => Assert.True(f > 30, $"{group.Key} decodes slower than real time: {f:F0} frames/s"));
        }
    }

    private static double Bare(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        using var image = new Mat();
        Assert.True(capture.Read(image));
        var clock = Stopwatch.StartNew();
        int frames = 1;
        while (capture.Read(image) && !image.Empty())
        {
            frames++;
        }

        Assert.Equal(600, frames);
        return (frames - 1) / clock.Elapsed.TotalSeconds;
    }

    private static double ThroughSource(string path)
    {
        var pool = new FramePool();
        using var source = FrameSources.Open(path);
        // Opening decodes the first frame; the clock starts after it in all three ways, so the 599 after it are timed.
        var clock = Stopwatch.StartNew();
        while (source.TryRead(pool, out var frame))
        {
            frame!.Release();
        }

        Assert.Equal(600, source.FramesRead);
        return (source.FramesRead - 1) / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> ThroughPump(string path)
    {
        var pool = new FramePool();
        using var pump = CapturePump.Create(SourceSpec.Parse(path), pool, options: new CapturePumpOptions { Pacing = CapturePacing.AsFastAsPossible });
        var consumer = pump.AddConsumer("bench");
        var clock = Stopwatch.StartNew();
        pump.Start();
        long frames = 0;
        await foreach (var frame in consumer.Reader.ReadAllAsync())
        {
            frame.Release();
            frames++;
        }

        await pump.Completion;
        Assert.Equal(600, frames);
        return (frames - 1) / clock.Elapsed.TotalSeconds;
    }
}
