using LiveClassify.Render.Windowing;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Render;

/// <summary>Hidden windows for GL tests; skips the test when there is no display to open one on.</summary>
internal static class TestWindow
{
    public static GlfwWindow Open(int width = 320, int height = 240)
    {
        TestDisplay.Require();
        return GlfwWindow.Open(new GlfwWindowOptions { Width = width, Height = height, Title = "LiveClassify test", Visible = false, VSync = false });
    }
}
