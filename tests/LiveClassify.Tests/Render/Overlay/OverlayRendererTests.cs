using LiveClassify.Render.Layout;
using LiveClassify.Render.Overlay;
using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Tests.Render.Overlay;

[Collection(OpenGLCollection.Name)]
public sealed class OverlayRendererTests
{
    private const int Width = 800;
    private const int Height = 600;

    [Fact]
    public void Confidence_bars_are_drawn_where_the_layout_says_with_lengths_matching_the_scores()
    {
        using var window = TestWindow.Open(Width, Height);
        using var overlay = OverlayRenderer.Create(window.Context);
        var model = Model();
        float[] scores = [0.8f, 0.15f, 0.05f];
        model.TopCount = scores.Length;
        for (int i = 0; i < scores.Length; i++)
        {
            model.SetTop(i, $"class {i}", scores[i]);
        }

        var pixels = DrawOverBlack(window, overlay, model);

        var layout = overlay.Layout;
        Assert.Equal((Width, Height), (layout.TargetWidth, layout.TargetHeight));
        for (int row = 0; row < scores.Length; row++)
        {
            var track = layout.BarTrack(row);
            int y = track.Y + (track.Height / 2);
            Func<(byte R, byte G, byte B), bool> isBar = row == 0
                ? p => p.G > 180 && p.R < 100 && p.B < 140
                : p => p.B > 200 && p.R < 100;
            int end = track.X;
            while (end < track.Right + 5 && isBar(pixels.At(end, y)))
            {
                end++;
            }

            int expected = (int)MathF.Round(scores[row] * layout.BarMaxWidth);
            Assert.InRange(end - track.X, expected - 2, expected + 2);
            // Beyond the bar the track is grey, and nothing of the bar's colour remains on the row.
            for (int x = end + 2; x < track.Right; x++)
            {
                Assert.False(isBar(pixels.At(x, y)), $"row {row}: bar colour at x={x}, bar ends at {end}");
                Assert.InRange(pixels.Brightness(x, y), 20, 90);
            }

            // The bar starts at the track's left edge, not before it.
            Assert.False(isBar(pixels.At(track.X - 2, y)));
        }
    }

    [Fact]
    public void Label_text_is_drawn_in_the_label_area_and_nothing_is_drawn_outside_the_panels()
    {
        using var window = TestWindow.Open(Width, Height);
        using var overlay = OverlayRenderer.Create(window.Context);
        var model = Model();

        model.Label = null;
        var without = DrawOverBlack(window, overlay, model);
        model.Label = "sneaker";
        model.LabelScore = 0.93f;
        var with = DrawOverBlack(window, overlay, model);

        var label = overlay.Layout.LabelArea;
        Assert.Equal(0, BrightPixels(without, label, 128));
        int lit = BrightPixels(with, label, 128);
        Assert.True(lit > 150, $"{lit} bright pixels in the label area");
        // The text starts at the area's left edge and is white.
        Assert.True(BrightPixels(with, label with { Width = 30 }, 200) > 10);

        // The middle of the screen has no panel, bar or glyph: it stays exactly the cleared black.
        var middle = new PixelRect(250, 250, 300, 100);
        Assert.Equal(0, BrightPixels(with, middle, 0));
    }

    [Fact]
    public void Figures_status_and_capture_counts_appear_in_their_corners_and_the_status_expires()
    {
        using var window = TestWindow.Open(Width, Height);
        using var overlay = OverlayRenderer.Create(window.Context);
        var model = Model();
        var topRight = new PixelRect(Width - 150, 12, 138, 60);
        var bottomLeft = new PixelRect(12, Height - 50, 200, 38);
        var bottomRight = new PixelRect(Width - 100, Height - 50, 88, 38);

        model.ShowStatus("model.onnx is not a valid model", isError: true, TimeSpan.FromSeconds(30));
        model.CaptureClassCount = 2;
        model.SetCapture(0, "cat", 12);
        model.SetCapture(1, "dog", 7);
        var shown = DrawOverBlack(window, overlay, model);

        Assert.True(BrightPixels(shown, topRight, 128) > 100);
        Assert.True(RedPixels(shown, bottomLeft) > 50);
        Assert.True(BrightPixels(shown, bottomRight, 128) > 50);

        model.ShowStatus("saved", isError: false, TimeSpan.Zero);
        model.CaptureClassCount = 0;
        var hidden = DrawOverBlack(window, overlay, model);

        Assert.Equal(0, BrightPixels(hidden, bottomLeft, 0));
        Assert.Equal(0, BrightPixels(hidden, bottomRight, 0));
    }

    [Fact]
    public void Drawing_the_overlay_allocates_nothing_in_steady_state()
    {
        using var window = TestWindow.Open(Width, Height);
        using var overlay = OverlayRenderer.Create(window.Context);
        var model = Model();
        model.Label = "ankle boot";
        model.LabelScore = 0.5f;
        model.TopCount = OverlayModel.MaxTopK;
        for (int i = 0; i < OverlayModel.MaxTopK; i++)
        {
            model.SetTop(i, "label", 0.1f * i);
        }

        model.ShowStatus("status", isError: false, TimeSpan.FromMinutes(1));
        model.CaptureClassCount = 3;
        for (int i = 0; i < 3; i++)
        {
            model.SetCapture(i, "class", i);
        }

        overlay.Draw(model, Width, Height);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            model.RenderFps = i;
            model.PredictionAgeFrames = i;
            overlay.Draw(model, Width, Height);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Text_queued_without_a_target_is_dropped_instead_of_overflowing_the_batch()
    {
        using var window = TestWindow.Open();
        var atlas = GlyphAtlas.Create([16f]);
        using var text = TextRenderer.Create(window.Context, atlas);
        string line = new('x', 1000);

        for (int i = 0; i < 20; i++)
        {
            text.Add(line, 0, 20, 0, Rgba.White);
        }

        text.Flush();
    }

    [Fact]
    public void Every_gl_object_of_the_overlay_is_deleted_on_dispose()
    {
        using var window = TestWindow.Open();
        var overlay = OverlayRenderer.Create(window.Context);
        Assert.True(window.Context.Resources.TotalLive >= 6, window.Context.Resources.Describe());

        overlay.Dispose();

        Assert.Equal(0, window.Context.Resources.TotalLive);
    }

    private static OverlayModel Model() => new()
    {
        CaptureFps = 30f,
        InferenceFps = 29.5f,
        InferenceMilliseconds = 3.4f,
        RenderFps = 60f,
        HasPrediction = true,
        PredictionAgeFrames = 1,
        PredictionAgeMilliseconds = 33f,
        ModelName = "mobilenetv2.onnx",
        Provider = "CPU",
    };

    private static FramebufferPixels DrawOverBlack(GlfwWindow window, OverlayRenderer overlay, OverlayModel model)
    {
        var gl = window.Gl;
        gl.ClearColor(0f, 0f, 0f, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        overlay.Draw(model, Width, Height);
        return FramebufferPixels.Read(gl, Width, Height);
    }

    private static int BrightPixels(FramebufferPixels pixels, PixelRect area, int threshold)
    {
        int count = 0;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            for (int x = area.X; x < area.Right; x++)
            {
                count += pixels.Brightness(x, y) > threshold ? 1 : 0;
            }
        }

        return count;
    }

    private static int RedPixels(FramebufferPixels pixels, PixelRect area)
    {
        int count = 0;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            for (int x = area.X; x < area.Right; x++)
            {
                var (r, g, b) = pixels.At(x, y);
                count += r > 180 && g < 120 && b < 120 ? 1 : 0;
            }
        }

        return count;
    }
}
