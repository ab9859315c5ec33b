using System.Numerics;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Session;

/// <summary>
/// A 64-bit perceptual hash of a frame (the "difference hash"): the frame is reduced to a 9x8 grey thumbnail and each
/// bit says whether a pixel is brighter than its right neighbour. Near-identical frames (a camera watching a still
/// scene, sensor noise, small shifts in exposure) get hashes a few bits apart, so the review queue can skip them.
/// </summary>
public static class DifferenceHash
{
    private const int Columns = 9;
    private const int Rows = 8;

    /// <summary>The hash of <paramref name="frame"/>; allocates nothing.</summary>
    public static ulong Of(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Span<float> thumbnail = stackalloc float[Columns * Rows];
        ReadOnlySpan<byte> pixels = frame.Pixels;
        for (int row = 0; row < Rows; row++)
        {
            int y0 = row * frame.Height / Rows;
            int y1 = Math.Max(y0 + 1, (row + 1) * frame.Height / Rows);
            for (int column = 0; column < Columns; column++)
            {
                int x0 = column * frame.Width / Columns;
                int x1 = Math.Max(x0 + 1, (column + 1) * frame.Width / Columns);
                thumbnail[(row * Columns) + column] = MeanLuma(pixels, frame.Stride, x0, x1, y0, y1);
            }
        }

        ulong hash = 0;
        for (int row = 0; row < Rows; row++)
        {
            for (int column = 0; column < Columns - 1; column++)
            {
                hash <<= 1;
                if (thumbnail[(row * Columns) + column] > thumbnail[(row * Columns) + column + 1])
                {
                    hash |= 1;
                }
            }
        }

        return hash;
    }

    /// <summary>How many bits two hashes differ in: 0 for the same picture, about 32 for unrelated ones.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static float MeanLuma(ReadOnlySpan<byte> bgr, int stride, int x0, int x1, int y0, int y1)
    {
        // Sampling a sparse grid inside the cell is enough for a 64-bit hash and keeps the cost independent of the
        // frame size.
        int stepX = Math.Max(1, (x1 - x0) / 8);
        int stepY = Math.Max(1, (y1 - y0) / 8);
        float sum = 0;
        int count = 0;
        for (int y = y0; y < y1; y += stepY)
        {
            for (int x = x0; x < x1; x += stepX)
            {
                int i = (y * stride) + (x * 3);
                sum += (0.114f * bgr[i]) + (0.587f * bgr[i + 1]) + (0.299f * bgr[i + 2]);
                count++;
            }
        }

        return sum / count;
    }
}
