namespace LiveClassify.Render.Overlay;

/// <summary>One pixel size of the atlas's font: line metrics and the metrics of each glyph.</summary>
public sealed class FontFace
{
    private readonly GlyphMetrics[] _glyphs;

    internal FontFace(float pixelSize, int ascent, int descent, GlyphMetrics[] glyphs)
    {
        PixelSize = pixelSize;
        Ascent = ascent;
        Descent = descent;
        _glyphs = glyphs;
    }

    /// <summary>The font size the glyphs were rasterised at, in pixels.</summary>
    public float PixelSize { get; }

    /// <summary>Pixels from the top of a line to its baseline.</summary>
    public int Ascent { get; }

    /// <summary>Pixels from the baseline to the bottom of a line.</summary>
    public int Descent { get; }

    /// <summary>Height of one line of text.</summary>
    public int LineHeight => Ascent + Descent;

    /// <summary>The metrics of a character; characters outside printable ASCII are shown as '?'.</summary>
    public GlyphMetrics Glyph(char character) =>
        _glyphs[(character is >= GlyphAtlas.FirstCharacter and <= GlyphAtlas.LastCharacter ? character : '?') - GlyphAtlas.FirstCharacter];

    /// <summary>Width of a line of text in pixels, as <see cref="TextRenderer"/> lays it out.</summary>
    public int Measure(ReadOnlySpan<char> text)
    {
        float pen = 0;
        foreach (char character in text)
        {
            pen += Glyph(character).Advance;
        }

        return (int)MathF.Ceiling(pen);
    }
}
