namespace LiveClassify.Train.Data;

/// <summary>Fashion-MNIST images (28×28 grey, row-major, one byte per pixel) and their labels.</summary>
public sealed class FashionMnistSet
{
    internal FashionMnistSet(byte[] pixels, byte[] labels, int rows, int columns)
    {
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>All images back to back.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>The class index (0–9) of each image.</summary>
    public IReadOnlyList<byte> Labels { get; }

    /// <summary>Image height (28).</summary>
    public int Rows { get; }

    /// <summary>Image width (28).</summary>
    public int Columns { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Count;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.Span.Slice(index * Rows * Columns, Rows * Columns);
}
