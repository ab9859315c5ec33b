using SkiaSharp;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Printable ASCII rasterised once, anti-aliased, at one or more pixel sizes, packed into one single-channel image
/// (coverage 0–255) with each glyph's metrics. The overlay draws text as quads cut from it.
/// </summary>
/// <remarks>
/// Built with SkiaSharp, which renders anti-aliased, hinted glyphs from the system's DejaVu Sans (Debian package
/// fonts-dejavu-core) and is already a dependency; only the finished coverage bytes leave this class, so nothing of
/// Skia is alive while the overlay draws. Glyphs are drawn at whole-pixel positions, one texel per pixel, which keeps
/// them crisp at any window size.
/// </remarks>
public sealed class GlyphAtlas
{
    /// <summary>First character in the atlas (space).</summary>
    public const char FirstCharacter = ' ';

    /// <summary>Last character in the atlas (tilde).</summary>
    public const char LastCharacter = '~';

    /// <summary>Where Debian's fonts-dejavu-core puts DejaVu Sans.</summary>
    public const string DefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private const int AtlasWidth = 1024;

    // Transparent texels around each glyph so neighbours never bleed into each other.
    private const int Gap = 1;

    private readonly byte[] _pixels;
    private readonly FontFace[] _faces;

    private GlyphAtlas(int width, int height, byte[] pixels, FontFace[] faces)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
        _faces = faces;
    }

    /// <summary>Atlas width in texels.</summary>
    public int Width { get; }

    /// <summary>Atlas height in texels.</summary>
    public int Height { get; }

    /// <summary>Coverage bytes, <see cref="Width"/> per row, top row first.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Number of sizes in the atlas.</summary>
    public int FaceCount => _faces.Length;

    /// <summary>The face rasterised at the <paramref name="index"/>-th requested size.</summary>
    public FontFace Face(int index) => _faces[index];

    /// <summary>Rasterises printable ASCII from a TrueType font at each of the given pixel sizes.</summary>
    /// <exception cref="FileNotFoundException">The font file is missing (the message names the apt package).</exception>
    public static GlyphAtlas Create(ReadOnlySpan<float> pixelSizes, string fontPath = DefaultFontPath)
    {
        ArgumentNullException.ThrowIfNull(fontPath);
        if (pixelSizes.IsEmpty)
        {
            throw new ArgumentException("At least one font size is needed.", nameof(pixelSizes));
        }

        foreach (float size in pixelSizes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 4f, nameof(pixelSizes));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 200f, nameof(pixelSizes));
        }

        if (!File.Exists(fontPath))
        {
            throw new FileNotFoundException(
                $"The overlay font {fontPath} is missing; install it with `sudo apt-get install fonts-dejavu-core`.", fontPath);
        }

        using var typeface = SKTypeface.FromFile(fontPath)
            ?? throw new InvalidDataException($"{fontPath} is not a font SkiaSharp can read.");
        var sizes = pixelSizes.ToArray();
        var glyphs = new GlyphMetrics[sizes.Length][];
        var faces = new FontFace[sizes.Length];
        var shelf = new ShelfPacker(AtlasWidth, Gap);
        for (int f = 0; f < sizes.Length; f++)
        {
            using var font = CreateFont(typeface, sizes[f]);
            glyphs[f] = Measure(font, shelf);
            var metrics = font.Metrics;
            faces[f] = new FontFace(sizes[f], (int)MathF.Ceiling(-metrics.Ascent), (int)MathF.Ceiling(metrics.Descent), glyphs[f]);
        }

        int height = shelf.Height;
        var pixels = Rasterise(typeface, sizes, glyphs, height);
        return new GlyphAtlas(AtlasWidth, height, pixels, faces);
    }

    private static SKFont CreateFont(SKTypeface typeface, float size) => new(typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.Slight,
        Subpixel = false,
    };

    private static GlyphMetrics[] Measure(SKFont font, ShelfPacker shelf)
    {
        var glyphs = new GlyphMetrics[LastCharacter - FirstCharacter + 1];
        for (char c = FirstCharacter; c <= LastCharacter; c++)
        {
            float advance = font.MeasureText(c.ToString(), out SKRect bounds);
            if (bounds.Width <= 0 || bounds.Height <= 0)
            {
                glyphs[c - FirstCharacter] = new GlyphMetrics(0, 0, 0, 0, 0, 0, advance);
                continue;
            }

            // Whole-pixel cell around the ink, one pixel wider each side for the anti-aliased fringe.
            int left = (int)MathF.Floor(bounds.Left) - 1;
            int top = (int)MathF.Floor(bounds.Top) - 1;
            int width = (int)MathF.Ceiling(bounds.Right) + 1 - left;
            int height = (int)MathF.Ceiling(bounds.Bottom) + 1 - top;
            var (x, y) = shelf.Place(width, height);
            glyphs[c - FirstCharacter] = new GlyphMetrics(x, y, width, height, left, top, advance);
        }

        return glyphs;
    }

    private static byte[] Rasterise(SKTypeface typeface, float[] sizes, GlyphMetrics[][] glyphs, int height)
    {
        var info = new SKImageInfo(AtlasWidth, height, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            for (int f = 0; f < sizes.Length; f++)
            {
                using var font = CreateFont(typeface, sizes[f]);
                for (char c = FirstCharacter; c <= LastCharacter; c++)
                {
                    var glyph = glyphs[f][c - FirstCharacter];
                    if (glyph.Width > 0)
                    {
                        canvas.DrawText(c.ToString(), glyph.AtlasX - glyph.OffsetX, glyph.AtlasY - glyph.OffsetY, SKTextAlign.Left, font, paint);
                    }
                }
            }
        }

        var pixels = new byte[AtlasWidth * height];
        var source = bitmap.GetPixelSpan();
        for (int row = 0; row < height; row++)
        {
            source.Slice(row * bitmap.RowBytes, AtlasWidth).CopyTo(pixels.AsSpan(row * AtlasWidth, AtlasWidth));
        }

        return pixels;
    }
}
