namespace LiveClassify.Capture.Synthetic;

/// <summary>
/// Writes a frame index into an image as a grid of black and white blocks, and reads it back after compression or
/// resizing: end-to-end tests use it to check that frames arrive in order and to count the dropped ones.
/// </summary>
/// <remarks>
/// The image is cut into <see cref="Columns"/> × <see cref="Rows"/> cells, read row by row: 32 bits of the index
/// (least significant first), then an 8-bit CRC of those bits. Reading samples the middle half of each cell, so
/// blurred edges do not matter, and refuses cells that are neither clearly dark nor clearly light, or a bad CRC:
/// other pictures (or a uniform frame) do not decode.
/// </remarks>
public static class CounterCode
{
    /// <summary>Cells across.</summary>
    public const int Columns = 8;

    /// <summary>Cells down.</summary>
    public const int Rows = 5;

    private const int IndexBits = 32;
    private const byte Light = 235, Dark = 20;
    private const int DarkBelow = 90, LightAbove = 165;

    /// <summary>Paints <paramref name="index"/> into a packed BGR image of at least 16x16 pixels.</summary>
    public static void Paint(Span<byte> bgr, int width, int height, long index)
    {
        Validate(bgr.Length, width, height);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, uint.MaxValue);
        ulong bits = Encode((uint)index);
        int stride = width * 3;
        for (int row = 0; row < Rows; row++)
        {
            for (int y = row * height / Rows; y < (row + 1) * height / Rows; y++)
            {
                var line = bgr.Slice(y * stride, stride);
                for (int column = 0; column < Columns; column++)
                {
                    int x0 = column * width / Columns, x1 = (column + 1) * width / Columns;
                    byte value = ((bits >> ((row * Columns) + column)) & 1) != 0 ? Light : Dark;
                    line[(x0 * 3)..(x1 * 3)].Fill(value);
                }
            }
        }
    }

    /// <summary>Reads an index painted by <see cref="Paint"/>; false when the image does not carry a valid code.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bgr, int width, int height, out long index)
    {
        Validate(bgr.Length, width, height);
        index = -1;
        ulong bits = 0;
        int stride = width * 3;
        for (int row = 0; row < Rows; row++)
        {
            for (int column = 0; column < Columns; column++)
            {
                int x0 = column * width / Columns, x1 = (column + 1) * width / Columns;
                int y0 = row * height / Rows, y1 = (row + 1) * height / Rows;
                int mean = MeanLevel(bgr, stride, x0 + ((x1 - x0) / 4), x1 - ((x1 - x0) / 4), y0 + ((y1 - y0) / 4), y1 - ((y1 - y0) / 4));
                if (mean > LightAbove)
                {
                    bits |= 1UL << ((row * Columns) + column);
                }
                else if (mean >= DarkBelow)
                {
                    return false;
                }
            }
        }

        uint value = (uint)bits;
        if (Encode(value) != bits)
        {
            return false;
        }

        index = value;
        return true;
    }

    private static ulong Encode(uint index) => index | ((ulong)Crc8(index) << IndexBits);

    /// <summary>CRC-8 (polynomial 0x07) starting from 0xFF, so that an all-dark image (index 0, CRC 0) is not valid.</summary>
    private static byte Crc8(uint value)
    {
        int crc = 0xFF;
        for (int i = 0; i < 4; i++)
        {
            crc ^= (int)((value >> (8 * i)) & 0xFF);
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)crc;
    }

    private static int MeanLevel(ReadOnlySpan<byte> bgr, int stride, int x0, int x1, int y0, int y1)
    {
        long sum = 0;
        long count = 0;
        for (int y = y0; y < y1; y++)
        {
            var line = bgr.Slice((y * stride) + (x0 * 3), (x1 - x0) * 3);
            foreach (byte b in line)
            {
                sum += b;
            }

            count += line.Length;
        }

        return count == 0 ? 0 : (int)(sum / count);
    }

    private static void Validate(int length, int width, int height)
    {
        if (width < 16 || height < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A counter code needs at least 16x16 pixels, not {width}x{height}.");
        }

        if (length < width * height * 3)
        {
            throw new ArgumentException($"The buffer of {length} bytes is smaller than a {width}x{height} BGR image.");
        }
    }
}
