namespace LiveClassify.Render.Layout;

/// <summary>A rectangle in framebuffer pixels with the origin at the top-left corner, as on screen.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge, counted downwards.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>Whether the rectangle covers no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>One past the right edge.</summary>
    public int Right => X + Width;

    /// <summary>One past the bottom edge.</summary>
    public int Bottom => Y + Height;

    /// <summary>The bottom edge as OpenGL counts it (upwards from the bottom of a target <paramref name="targetHeight"/> high).</summary>
    public int GlY(int targetHeight) => targetHeight - Y - Height;
}
