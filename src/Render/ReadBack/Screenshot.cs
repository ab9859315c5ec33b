using LiveClassify.Core.Datasets;
using SkiaSharp;

namespace LiveClassify.Render.ReadBack;

/// <summary>Writes BGR24 pixels as a PNG file.</summary>
public static class Screenshot
{
    /// <summary>
    /// Encodes packed BGR24 rows (top row first) as an 8-bit RGB PNG and writes it atomically, so a reader never sees
    /// a half-written file.
    /// </summary>
    public static void SavePng(string path, ReadOnlySpan<byte> bgr, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bgr.Length < (long)width * height * 3)
        {
            throw new ArgumentException($"A {width}x{height} BGR image needs {(long)width * height * 3} bytes; got {bgr.Length}.", nameof(bgr));
        }

        // Skia has no 24-bit pixel type: expand to opaque BGRA.
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var destination = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
        {
            var sourceRow = bgr.Slice(y * width * 3, width * 3);
            var destinationRow = destination.Slice(y * rowBytes, width * 4);
            for (int x = 0; x < width; x++)
            {
                destinationRow[(x * 4) + 0] = sourceRow[(x * 3) + 0];
                destinationRow[(x * 4) + 1] = sourceRow[(x * 3) + 1];
                destinationRow[(x * 4) + 2] = sourceRow[(x * 3) + 2];
                destinationRow[(x * 4) + 3] = 255;
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {path} as PNG.");
        AtomicFile.WriteAllBytes(path, data.AsSpan());
    }
}
