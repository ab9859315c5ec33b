using LiveClassify.Core.Frames;
using LiveClassify.Render.Frames;
using LiveClassify.Render.Layout;
using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Tests.Render.Frames;

[Collection(OpenGLCollection.Name)]
public sealed class FrameTextureTests
{
    [Fact]
    public void A_synthetic_frame_comes_back_pixel_for_pixel_with_its_colours_in_order()
    {
        const int Width = 97;
        const int Height = 61;
        using var window = TestWindow.Open(Width, Height);
        var pool = new FramePool();
        var frame = pool.Rent(Width, Height);
        FillPattern(frame);

        using (var texture = FrameTexture.Create(window.Context))
        {
            texture.Upload(frame);
            Clear(window.Gl);
            var area = texture.Draw(Width, Height);
            Assert.Equal(new PixelRect(0, 0, Width, Height), area);

            var pixels = FramebufferPixels.Read(window.Gl, Width, Height);
            var bgr = frame.Pixels;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    int offset = ((y * Width) + x) * 3;
                    var (r, g, b) = pixels.At(x, y);
                    Assert.InRange(b - bgr[offset], -1, 1);
                    Assert.InRange(g - bgr[offset + 1], -1, 1);
                    Assert.InRange(r - bgr[offset + 2], -1, 1);
                }
            }
        }

        frame.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, window.Context.Resources.TotalLive);
    }

    [Fact]
    public void Storage_is_reallocated_only_when_the_frame_size_changes()
    {
        using var window = TestWindow.Open();
        using var texture = FrameTexture.Create(window.Context);
        var small = new byte[32 * 24 * 3];
        var large = new byte[64 * 48 * 3];

        texture.Upload(small, 32, 24);
        texture.Upload(small, 32, 24);
        Assert.Equal(1, texture.Allocations);
        texture.Upload(large, 64, 48);
        texture.Upload(large, 64, 48);
        Assert.Equal(2, texture.Allocations);
        Assert.Equal((64, 48), (texture.Width, texture.Height));
        Assert.Throws<ArgumentException>(() => texture.Upload(small, 64, 48));
    }

    [Fact]
    public void Resizing_the_window_keeps_the_frames_aspect_ratio_with_black_bars()
    {
        using var window = TestWindow.Open(320, 240);
        using var texture = FrameTexture.Create(window.Context);
        var white = new byte[160 * 90 * 3];
        Array.Fill(white, (byte)255);
        texture.Upload(white, 160, 90);

        // 16:9 in 4:3: bars above and below.
        Clear(window.Gl);
        var area = texture.Draw(window.FramebufferWidth, window.FramebufferHeight);
        Assert.Equal(new PixelRect(0, 30, 320, 180), area);
        AssertCoverage(FramebufferPixels.Read(window.Gl, 320, 240), area);

        window.Resize(400, 200);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!window.FramebufferResized && DateTime.UtcNow < deadline)
        {
            window.PollEvents();
        }

        // 16:9 in 2:1: bars left and right. Mesa resizes the back buffer at the next swap, as in the live loop.
        Assert.Equal((400, 200), (window.FramebufferWidth, window.FramebufferHeight));
        window.SwapBuffers();
        Clear(window.Gl);
        area = texture.Draw(window.FramebufferWidth, window.FramebufferHeight);
        Assert.Equal(new PixelRect(22, 0, 356, 200), area);
        AssertCoverage(FramebufferPixels.Read(window.Gl, 400, 200), area);
    }

    [Fact]
    public void Uploading_and_drawing_a_frame_allocates_nothing_in_steady_state()
    {
        using var window = TestWindow.Open(320, 240);
        using var texture = FrameTexture.Create(window.Context);
        var pool = new FramePool();
        var frame = pool.Rent(320, 240);
        texture.Upload(frame);
        texture.Draw(320, 240);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            texture.Upload(frame);
            texture.Draw(320, 240);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        frame.Release();
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Drawing_before_any_upload_draws_nothing()
    {
        using var window = TestWindow.Open();
        using var texture = FrameTexture.Create(window.Context);

        Assert.True(texture.Draw(320, 240).IsEmpty);
    }

    private static void FillPattern(FrameBuffer frame)
    {
        var bgr = frame.Pixels;
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int offset = ((y * frame.Width) + x) * 3;
                bgr[offset] = (byte)(x * 2);
                bgr[offset + 1] = (byte)(y * 4);
                bgr[offset + 2] = (byte)(255 - x - y);
            }
        }
    }

    private static void Clear(GL gl)
    {
        gl.ClearColor(0f, 0f, 0f, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    /// <summary>White inside the area, black outside it, checked one pixel in from each edge.</summary>
    private static void AssertCoverage(FramebufferPixels pixels, PixelRect area)
    {
        for (int y = 0; y < pixels.Height; y++)
        {
            for (int x = 0; x < pixels.Width; x++)
            {
                bool inside = x > area.X && x < area.Right - 1 && y > area.Y && y < area.Bottom - 1;
                bool outside = x < area.X - 1 || x > area.Right || y < area.Y - 1 || y > area.Bottom;
                if (inside)
                {
                    Assert.True(pixels.Brightness(x, y) == 255, $"({x},{y}) should show the frame");
                }
                else if (outside)
                {
                    Assert.True(pixels.Brightness(x, y) == 0, $"({x},{y}) should be a black bar");
                }
            }
        }
    }
}
