using LiveClassify.Render.Windowing;

namespace LiveClassify.Tests.Render;

/// <summary>Hidden windows for GL tests; skips the test when there is no display to open one on.</summary>
internal static class TestWindow
{
    public static GlfwWindow Open(int width = 320, int height = 240)
    {
        Assert.SkipWhen(
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")),
            "No DISPLAY: run the tests under xvfb-run -a -s \"-screen 0 1920x1080x24\".");
        return GlfwWindow.Open(new GlfwWindowOptions { Width = width, Height = height, Title = "LiveClassify test", Visible = false, VSync = false });
    }
}
