using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Tests.Render.Windowing;

[Collection(OpenGLCollection.Name)]
public sealed class GlfwWindowTests
{
    private const int ContextProfileMask = 0x9126;
    private const int ContextCoreProfileBit = 0x1;

    [Fact]
    public void Window_opens_with_a_core_3_3_context_and_the_clear_colour_reads_back()
    {
        using var window = TestWindow.Open(320, 240);
        var gl = window.Gl;

        int major = gl.GetInteger(GetPName.MajorVersion);
        int minor = gl.GetInteger(GetPName.MinorVersion);
        Assert.True(major > 3 || (major == 3 && minor >= 3), $"OpenGL {major}.{minor}");
        Assert.Equal(ContextCoreProfileBit, gl.GetInteger((GetPName)ContextProfileMask) & ContextCoreProfileBit);
        Assert.Equal(320, window.FramebufferWidth);
        Assert.Equal(240, window.FramebufferHeight);

        gl.ClearColor(0.25f, 0.5f, 0.75f, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        var pixels = FramebufferPixels.Read(gl, 320, 240);

        foreach (var (x, y) in new[] { (0, 0), (319, 239), (160, 120) })
        {
            var (r, g, b) = pixels.At(x, y);
            Assert.InRange(r, 63, 65);
            Assert.InRange(g, 127, 128);
            Assert.InRange(b, 191, 192);
        }
    }

    [Fact]
    public void Injected_key_presses_come_out_of_the_queue_in_order()
    {
        using var window = TestWindow.Open();

        window.InjectKeyPress(new KeyPress(Key.D3, KeyModifiers.None));
        window.InjectKeyPress(new KeyPress(Key.Space, KeyModifiers.None));
        window.InjectKeyPress(new KeyPress(Key.S, KeyModifiers.Shift | KeyModifiers.Control));
        window.PollEvents();

        Assert.True(window.TryReadKey(out var first));
        Assert.True(window.TryReadKey(out var second));
        Assert.True(window.TryReadKey(out var third));
        Assert.False(window.TryReadKey(out _));
        Assert.Equal(new KeyPress(Key.D3, KeyModifiers.None), first);
        Assert.Equal(Key.Space, second.Key);
        Assert.Equal(new KeyPress(Key.S, KeyModifiers.Shift | KeyModifiers.Control), third);
    }

    [Fact]
    public void Key_presses_beyond_the_queue_capacity_are_counted_as_dropped()
    {
        using var window = TestWindow.Open();

        for (int i = 0; i < 70; i++)
        {
            window.InjectKeyPress(new KeyPress(Key.A, KeyModifiers.None));
        }

        int read = 0;
        while (window.TryReadKey(out _))
        {
            read++;
        }

        Assert.Equal(64, read);
        Assert.Equal(6, window.DroppedKeys);
    }

    [Fact]
    public void Resizing_the_window_is_reported_once_with_the_new_framebuffer_size()
    {
        using var window = TestWindow.Open(320, 240);

        window.Resize(400, 200);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!window.FramebufferResized && DateTime.UtcNow < deadline)
        {
            window.PollEvents();
        }

        Assert.True(window.FramebufferResized);
        Assert.Equal((400, 200), (window.FramebufferWidth, window.FramebufferHeight));
        window.PollEvents();
        Assert.False(window.FramebufferResized);
    }

    [Fact]
    public void Window_calls_from_another_thread_are_refused()
    {
        using var window = TestWindow.Open();

        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(window.PollEvents));
        thread.Start();
        thread.Join();

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("belongs to thread", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_request_sets_should_close()
    {
        using var window = TestWindow.Open();

        Assert.False(window.ShouldClose);
        window.RequestClose();
        Assert.True(window.ShouldClose);
    }
}
