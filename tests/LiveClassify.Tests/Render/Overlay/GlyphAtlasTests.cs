using LiveClassify.Render.Overlay;

namespace LiveClassify.Tests.Render.Overlay;

public sealed class GlyphAtlasTests
{
    [Fact]
    public void Every_printable_ascii_glyph_has_an_anti_aliased_cell_or_is_blank()
    {
        var atlas = GlyphAtlas.Create([36f, 16f]);

        Assert.Equal(2, atlas.FaceCount);
        for (int f = 0; f < atlas.FaceCount; f++)
        {
            var face = atlas.Face(f);
            for (char c = '!'; c <= '~'; c++)
            {
                var glyph = face.Glyph(c);
                Assert.True(glyph.Width > 0 && glyph.Height > 0, $"'{c}' at {face.PixelSize}px has no cell");
                Assert.True(glyph.AtlasX >= 0 && glyph.AtlasY >= 0 && glyph.AtlasX + glyph.Width <= atlas.Width && glyph.AtlasY + glyph.Height <= atlas.Height);
                Assert.True(MaxCoverage(atlas, glyph) > 200, $"'{c}' at {face.PixelSize}px has no ink");
            }

            var space = face.Glyph(' ');
            Assert.Equal(0, space.Width);
            Assert.True(space.Advance > 0);
        }

        // Anti-aliased: a round letter's edge has partial coverage, not only 0 and 255.
        var o = atlas.Face(0).Glyph('O');
        int partial = 0;
        for (int y = o.AtlasY; y < o.AtlasY + o.Height; y++)
        {
            for (int x = o.AtlasX; x < o.AtlasX + o.Width; x++)
            {
                byte value = atlas.Pixels[(y * atlas.Width) + x];
                partial += value is > 20 and < 235 ? 1 : 0;
            }
        }

        Assert.True(partial > 20, $"only {partial} partially covered texels in 'O'");
    }

    [Fact]
    public void Glyph_cells_do_not_overlap()
    {
        var atlas = GlyphAtlas.Create([36f, 16f]);
        var cells = new List<(int X, int Y, int W, int H)>();
        for (int f = 0; f < atlas.FaceCount; f++)
        {
            for (char c = '!'; c <= '~'; c++)
            {
                var g = atlas.Face(f).Glyph(c);
                cells.Add((g.AtlasX, g.AtlasY, g.Width, g.Height));
            }
        }

        for (int i = 0; i < cells.Count; i++)
        {
            for (int j = i + 1; j < cells.Count; j++)
            {
                var a = cells[i];
                var b = cells[j];
                bool overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"cells {a} and {b} overlap");
            }
        }
    }

    [Fact]
    public void Metrics_follow_the_font()
    {
        var atlas = GlyphAtlas.Create([36f, 16f]);
        var large = atlas.Face(0);
        var small = atlas.Face(1);

        Assert.True(large.Measure("MMM") > small.Measure("MMM"));
        Assert.True(small.Measure("iii") < small.Measure("MMM"));
        Assert.InRange(large.LineHeight, 36, 48);
        Assert.True(large.Glyph('g').OffsetY + large.Glyph('g').Height > 0, "'g' descends below the baseline");
        Assert.True(large.Glyph('T').OffsetY < -20, "'T' rises well above the baseline");
        Assert.Equal(large.Glyph('?'), large.Glyph('\u00e9'));
    }

    [Fact]
    public void A_missing_font_names_the_package_to_install()
    {
        var error = Assert.Throws<FileNotFoundException>(() => GlyphAtlas.Create([16f], "/nonexistent/DejaVuSans.ttf"));

        Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
    }

    private static int MaxCoverage(GlyphAtlas atlas, GlyphMetrics glyph)
    {
        int max = 0;
        for (int y = glyph.AtlasY; y < glyph.AtlasY + glyph.Height; y++)
        {
            for (int x = glyph.AtlasX; x < glyph.AtlasX + glyph.Width; x++)
            {
                max = Math.Max(max, atlas.Pixels[(y * atlas.Width) + x]);
            }
        }

        return max;
    }
}
