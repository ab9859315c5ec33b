namespace LiveClassify.Capture.Synthetic;

/// <summary>Paints the generated test pictures into packed BGR buffers; the same index always gives the same picture.</summary>
public static class TestPatterns
{
    /// <summary>The colour bars, left to right, as BGR: white, yellow, cyan, green, magenta, red, blue, black.</summary>
    public static readonly IReadOnlyList<(byte B, byte G, byte R)> Bars =
    [
        (255, 255, 255), (0, 255, 255), (255, 255, 0), (0, 255, 0), (255, 0, 255), (0, 0, 255), (255, 0, 0), (0, 0, 0),
    ];

    private const byte Background = 40;

    /// <summary>Eight vertical bars of <see cref="Bars"/> across the width.</summary>
    public static void PaintColorBars(Span<byte> bgr, int width, int height)
    {
        int stride = width * 3;
        var first = bgr[..stride];
        for (int x = 0; x < width; x++)
        {
            var (b, g, r) = Bars[x * Bars.Count / width];
            first[x * 3] = b;
            first[(x * 3) + 1] = g;
            first[(x * 3) + 2] = r;
        }

        for (int y = 1; y < height; y++)
        {
            first.CopyTo(bgr.Slice(y * stride, stride));
        }
    }

    /// <summary>
    /// A red square sliding left and right and a green disc going round, on a dark grey background; both complete a
    /// cycle every 120 frames.
    /// </summary>
    public static void PaintMovingShapes(Span<byte> bgr, int width, int height, long index)
    {
        bgr[..(width * height * 3)].Fill(Background);
        double phase = (index % 120) / 120.0;
        int side = Math.Max(2, height / 5);
        double slide = phase < 0.5 ? phase * 2 : 2 - (phase * 2);
        int squareX = (int)(slide * (width - side));
        FillRect(bgr, width, squareX, height / 8, side, side, (40, 40, 230));

        double angle = phase * 2 * Math.PI;
        int radius = Math.Max(1, height / 8);
        double centerX = (width / 2.0) + (Math.Cos(angle) * width / 4.0);
        double centerY = (height * 0.6) + (Math.Sin(angle) * height / 5.0);
        FillDisc(bgr, width, height, centerX, centerY, radius, (60, 200, 60));
    }

    private static void FillRect(Span<byte> bgr, int width, int x, int y, int w, int h, (byte B, byte G, byte R) color)
    {
        int stride = width * 3;
        for (int row = y; row < y + h; row++)
        {
            FillSpan(bgr.Slice(row * stride, stride), x, x + w, color);
        }
    }

    private static void FillDisc(Span<byte> bgr, int width, int height, double cx, double cy, int radius, (byte B, byte G, byte R) color)
    {
        int stride = width * 3;
        int top = Math.Max(0, (int)(cy - radius)), bottom = Math.Min(height - 1, (int)(cy + radius));
        for (int y = top; y <= bottom; y++)
        {
            double dy = y - cy;
            double half = Math.Sqrt(Math.Max(0, (radius * radius) - (dy * dy)));
            int x0 = Math.Max(0, (int)Math.Ceiling(cx - half)), x1 = Math.Min(width, (int)Math.Floor(cx + half) + 1);
            FillSpan(bgr.Slice(y * stride, stride), x0, x1, color);
        }
    }

    private static void FillSpan(Span<byte> line, int x0, int x1, (byte B, byte G, byte R) color)
    {
        for (int x = x0; x < x1; x++)
        {
            line[x * 3] = color.B;
            line[(x * 3) + 1] = color.G;
            line[(x * 3) + 2] = color.R;
        }
    }
}
