namespace LiveClassify.Render.Windowing;

/// <summary>How <see cref="GlfwWindow.Open"/> creates a window.</summary>
public sealed record GlfwWindowOptions
{
    /// <summary>Client-area width in screen coordinates.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Client-area height in screen coordinates.</summary>
    public int Height { get; init; } = 720;

    /// <summary>Window title.</summary>
    public string Title { get; init; } = "LiveClassify";

    /// <summary>False for a hidden window: headless rendering under Xvfb and tests.</summary>
    public bool Visible { get; init; } = true;

    /// <summary>Whether buffer swaps wait for the display's vertical blank (swap interval 1).</summary>
    public bool VSync { get; init; } = true;
}
