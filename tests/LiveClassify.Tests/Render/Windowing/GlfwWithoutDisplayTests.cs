using System.Runtime.InteropServices;
using LiveClassify.Render.Windowing;

namespace LiveClassify.Tests.Render.Windowing;

[Collection(OpenGLCollection.Name)]
public sealed partial class GlfwWithoutDisplayTests
{
    [Fact]
    public void Opening_a_window_without_a_display_fails_with_one_line_saying_how_to_run_headless()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY");
        Assert.SkipWhen(string.IsNullOrEmpty(display), "Needs a display to take away.");

        // GLFW reads the process environment when it initialises, which it does for the first window: this
        // collection runs alone and closes its windows, so no other GLFW user is alive here.
        Assert.Equal(0, UnsetEnvironment("DISPLAY"));
        Environment.SetEnvironmentVariable("DISPLAY", null);
        try
        {
            var error = Assert.Throws<WindowingException>(() => GlfwWindow.Open(new GlfwWindowOptions { Visible = false }));

            Assert.Contains("DISPLAY", error.Message, StringComparison.Ordinal);
            Assert.Contains("xvfb-run", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Assert.Equal(0, SetEnvironment("DISPLAY", display, 1));
            Environment.SetEnvironmentVariable("DISPLAY", display);
        }

        using var window = GlfwWindow.Open(new GlfwWindowOptions { Width = 64, Height = 64, Visible = false });
        Assert.Equal(64, window.FramebufferWidth);
    }

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnvironment(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
