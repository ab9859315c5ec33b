using LiveClassify.Core.Frames;
using LiveClassify.Render.Frames;
using LiveClassify.Render.Overlay;
using LiveClassify.Render.ReadBack;
using LiveClassify.Tests.Support;
using Silk.NET.OpenGL;
using SkiaSharp;

namespace LiveClassify.Tests.Render.ReadBack;

[Collection(OpenGLCollection.Name)]
public sealed class OffscreenCaptureTests
{
    private const int Width = 131;
    private const int Height = 77;

    [Fact]
    public void A_drawn_frame_reads_back_as_the_same_bgr_rows_top_row_first()
    {
        using var window = TestWindow.Open(Width, Height);
        using var texture = FrameTexture.Create(window.Context);
        var source = Pattern(Width, Height);
        texture.Upload(source, Width, Height);
        texture.Draw(Width, Height);
        var capture = new OffscreenCapture(window.Context);
        var pool = new FramePool();
        var frame = pool.Rent(200, 100);

        capture.Read(frame, Width, Height);

        Assert.Equal((Width, Height), (frame.Width, frame.Height));
        AssertClose(source, frame.Pixels);
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Reading_back_allocates_nothing_in_steady_state()
    {
        using var window = TestWindow.Open(Width, Height);
        var capture = new OffscreenCapture(window.Context);
        var destination = new byte[Width * Height * 3];
        capture.Read(destination, Width, Height);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            capture.Read(destination, Width, Height);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_destination_too_small_is_refused_before_reading()
    {
        using var window = TestWindow.Open(Width, Height);
        var capture = new OffscreenCapture(window.Context);

        var error = Assert.Throws<ArgumentException>(() => capture.Read(new byte[100], Width, Height));
        Assert.Contains($"{Width}x{Height}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_screenshot_png_holds_exactly_the_pixels_on_screen()
    {
        using var window = TestWindow.Open(Width, Height);
        using var texture = FrameTexture.Create(window.Context);
        var source = Pattern(Width, Height);
        texture.Upload(source, Width, Height);
        texture.Draw(Width, Height);
        var capture = new OffscreenCapture(window.Context);
        var onScreen = new byte[Width * Height * 3];
        capture.Read(onScreen, Width, Height);
        using var folder = new TempFolder();
        string path = folder.Combine("shot.png");

        capture.SavePng(path, Width, Height);

        using var decoded = SKBitmap.Decode(path);
        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                var pixel = decoded.GetPixel(x, y);
                int offset = ((y * Width) + x) * 3;
                Assert.Equal((onScreen[offset], onScreen[offset + 1], onScreen[offset + 2]), (pixel.Blue, pixel.Green, pixel.Red));
            }
        }

        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void An_overlay_over_a_frame_can_be_saved_for_inspection()
    {
        const int FrameWidth = 1280;
        const int FrameHeight = 720;
        using var window = TestWindow.Open(FrameWidth, FrameHeight);
        using var texture = FrameTexture.Create(window.Context);
        using var overlay = OverlayRenderer.Create(window.Context);
        texture.Upload(Pattern(640, 480), 640, 480);
        var model = new OverlayModel { Label = "Sneaker", LabelScore = 0.87f, TopCount = 3, RenderFps = 60f, ModelName = "fashion.onnx", Provider = "CPU" };
        model.SetTop(0, "Sneaker", 0.87f);
        model.SetTop(1, "Sandal", 0.09f);
        model.SetTop(2, "Ankle boot", 0.04f);
        window.Gl.ClearColor(0f, 0f, 0f, 1f);
        window.Gl.Clear(ClearBufferMask.ColorBufferBit);
        texture.Draw(FrameWidth, FrameHeight);
        overlay.Draw(model, FrameWidth, FrameHeight);
        using var folder = new TempFolder();
        string path = Environment.GetEnvironmentVariable("LIVECLASSIFY_SCREENSHOT") ?? folder.Combine("overlay.png");

        new OffscreenCapture(window.Context).SavePng(path, FrameWidth, FrameHeight);

        using var decoded = SKBitmap.Decode(path);
        Assert.Equal((FrameWidth, FrameHeight), (decoded.Width, decoded.Height));
    }

    private static byte[] Pattern(int width, int height)
    {
        var bgr = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int offset = ((y * width) + x) * 3;
                bgr[offset] = (byte)(x * 3);
                bgr[offset + 1] = (byte)(y * 5);
                bgr[offset + 2] = (byte)((x ^ y) * 7);
            }
        }

        return bgr;
    }

    private static void AssertClose(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1)
            {
                int pixel = i / 3;
                Assert.Fail($"pixel ({pixel % Width},{pixel / Width}) channel {i % 3}: expected {expected[i]}, read {actual[i]}");
            }
        }
    }
}
