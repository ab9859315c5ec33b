namespace LiveClassify.Render.Overlay;

/// <summary>A colour with straight (not premultiplied) alpha, each channel 0–1.</summary>
public readonly record struct Rgba(float R, float G, float B, float A = 1f)
{
    /// <summary>Opaque white.</summary>
    public static Rgba White => new(1f, 1f, 1f);
}
