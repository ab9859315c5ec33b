using LiveClassify.Core.Diagnostics;
using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.Diagnostics;

/// <summary>What OpenGL can do here, for `liveclassify doctor`: display or headless, GLFW, and the GL driver's strings.</summary>
public static class RenderProbe
{
    /// <summary>The stack's name in doctor's list.</summary>
    public const string Name = "OpenGL";

    /// <summary>
    /// Opens a small hidden window when a display exists and reads the GL vendor, renderer and version. Without a
    /// display OpenGL is reported as not required (headless runs use Xvfb) and the report says how to get one.
    /// </summary>
    /// <remarks>Call on a thread that has no other GL context current; the probe's window is closed before it returns.</remarks>
    public static StackReport Run() => Run(Environment.GetEnvironmentVariable("DISPLAY"));

    internal static StackReport Run(string? display)
    {
        var facts = new List<KeyValuePair<string, string>>();
        string? glfwVersion = GlfwRuntime.TryGetVersion();
        facts.Add(new("GLFW", glfwVersion ?? $"{Glfw.Library} not found"));
        if (string.IsNullOrEmpty(display))
        {
            facts.Add(new("display", "none (headless)"));
            return new StackReport(Name, Required: false, Working: false, facts,
                "No DISPLAY: the live window needs a desktop session; headless runs and tests work under `xvfb-run -a` (apt package xvfb).");
        }

        facts.Add(new("display", display));
        if (glfwVersion is null)
        {
            return new StackReport(Name, Required: true, Working: false, facts,
                $"{Glfw.Library} is missing: install it with `sudo apt-get install libglfw3`.");
        }

        try
        {
            using var window = GlfwWindow.Open(new GlfwWindowOptions { Width = 64, Height = 64, Title = "LiveClassify probe", Visible = false, VSync = false });
            var gl = window.Gl;
            string renderer = gl.GetStringS(StringName.Renderer);
            facts.Add(new("vendor", gl.GetStringS(StringName.Vendor)));
            facts.Add(new("renderer", renderer));
            facts.Add(new("version", gl.GetStringS(StringName.Version)));
            facts.Add(new("GLSL", gl.GetStringS(StringName.ShadingLanguageVersion)));
            facts.Add(new("acceleration", IsSoftware(renderer) ? "none: software rasteriser on the CPU" : "hardware"));
            return new StackReport(Name, Required: true, Working: true, facts);
        }
        catch (WindowingException exception)
        {
            return new StackReport(Name, Required: true, Working: false, facts, exception.Message);
        }
    }

    private static bool IsSoftware(string renderer) =>
        renderer.Contains("llvmpipe", StringComparison.OrdinalIgnoreCase)
        || renderer.Contains("softpipe", StringComparison.OrdinalIgnoreCase)
        || renderer.Contains("swrast", StringComparison.OrdinalIgnoreCase);
}
