namespace LiveClassify.Render.Overlay;

/// <summary>Where one glyph sits in a <see cref="GlyphAtlas"/> and how to place it on a line.</summary>
/// <param name="AtlasX">Left edge of the glyph's cell in the atlas, in texels.</param>
/// <param name="AtlasY">Top edge of the cell, in texels from the atlas's top row.</param>
/// <param name="Width">Cell width (0 for a blank glyph such as space).</param>
/// <param name="Height">Cell height.</param>
/// <param name="OffsetX">Cell's left edge relative to the pen position.</param>
/// <param name="OffsetY">Cell's top edge relative to the baseline (negative: above it).</param>
/// <param name="Advance">How far the pen moves after the glyph, in pixels.</param>
public readonly record struct GlyphMetrics(int AtlasX, int AtlasY, int Width, int Height, int OffsetX, int OffsetY, float Advance);
