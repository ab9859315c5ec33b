using System.Net;
using System.Net.Sockets;
using LiveClassify.Capture;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class NetworkSourceTests
{
    [Fact]
    public void An_http_stream_is_decoded_by_ffmpeg_frame_by_frame()
    {
        string clip = TestVideos.IndexAtFront;
        int port = FreePort();
        using var server = TestVideos.Start($"-v error -re -i {clip} -c copy -f mpegts -listen 1 http://127.0.0.1:{port}/s");
        try
        {
            var pool = new FramePool();
            using var source = OpenWhenListening($"http://127.0.0.1:{port}/s");

            Assert.True(source.IsLive);
            Assert.Equal((160, 120), (source.Width, source.Height));
            var previous = TimeSpan.MinValue;
            for (int i = 0; i < 10; i++)
            {
                Assert.True(source.TryRead(pool, out var frame));
                Assert.Equal((160, 120, (long)i), (frame!.Width, frame.Height, frame.FrameIndex));
                Assert.True(frame.Timestamp > previous);
                previous = frame.Timestamp;
                frame.Release();
            }

            Assert.Equal(0, pool.Outstanding);
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public void A_refused_connection_is_reported_with_ffmpegs_reason()
    {
        TestVideos.RequireFfmpeg();
        string url = $"http://127.0.0.1:{FreePort()}/nothing";

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(url));

        Assert.StartsWith($"{url}: ffmpeg could not read the stream (ffmpeg: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_missing_ffmpeg_command_is_named()
    {
        var options = new FrameSourceOptions { FfmpegPath = "/nonexistent/ffmpeg" };

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open("rtsp://127.0.0.1:1/x", options));

        Assert.StartsWith("rtsp://127.0.0.1:1/x: network streams are decoded by the '/nonexistent/ffmpeg' command, which could not be started", error.Message, StringComparison.Ordinal);
    }

    private static IFrameSource OpenWhenListening(string url)
    {
        // The server needs a moment before it listens; a refused first try is expected.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return FrameSources.Open(url);
            }
            catch (CaptureException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
