using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using LiveClassify.Core.Datasets;
using OpenCvSharp;

namespace LiveClassify.Train.Data;

/// <summary>
/// Reads Fashion-MNIST from its IDX files (gzip), as Debian's <c>dataset-fashion-mnist</c> installs them, and writes
/// class-folder datasets of PNGs from it for tests and benchmarks.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>The class names in label order; "T-shirt/top" loses its slash to be a valid folder name.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt-top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Whether the files are installed in <paramref name="folder"/>.</summary>
    public static bool IsInstalled(string folder = DefaultFolder) =>
        File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));

    /// <summary>Reads the 60,000 training images (or the 10,000 test images when <paramref name="test"/> is set).</summary>
    /// <exception cref="InvalidDataException">A file is not an IDX file of the expected kind, or the two disagree.</exception>
    public static FashionMnistSet Read(bool test, string folder = DefaultFolder)
    {
        string prefix = test ? "t10k" : "train";
        string imagesPath = Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz");
        byte[] images = ReadGzip(imagesPath);
        byte[] labels = ReadGzip(labelsPath);
        int imageCount = Header(images, imagesPath, ImagesMagic, 16);
        int rows = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8));
        int columns = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        int labelCount = Header(labels, labelsPath, LabelsMagic, 8);
        if (imageCount != labelCount || images.Length != 16 + ((long)imageCount * rows * columns) || labels.Length != 8 + labelCount)
        {
            throw new InvalidDataException($"{imagesPath} ({imageCount} images of {rows}x{columns}) and {labelsPath} ({labelCount} labels) do not match.");
        }

        var labelBytes = labels[8..];
        if (labelBytes.Any(l => l >= ClassNames.Count))
        {
            throw new InvalidDataException($"{labelsPath} has a label outside 0..{ClassNames.Count - 1}.");
        }

        return new FashionMnistSet(images[16..], labelBytes, rows, columns);
    }

    /// <summary>
    /// Writes the first <paramref name="perClass"/> images of each class in <paramref name="classes"/> (default all
    /// ten) as PNGs into one subfolder per class under <paramref name="root"/>, skipping the first
    /// <paramref name="skipPerClass"/> of each class (so a second call can write disjoint images). Returns the number
    /// of files written.
    /// </summary>
    public static int WriteClassFolders(FashionMnistSet set, string root, int perClass, IReadOnlyList<int>? classes = null, int skipPerClass = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        classes ??= [.. Enumerable.Range(0, ClassNames.Count)];
        var wanted = new int[ClassNames.Count];
        var seen = new int[ClassNames.Count];
        foreach (int label in classes)
        {
            wanted[label] = perClass;
            Directory.CreateDirectory(DatasetLabel.FolderOf(root, ClassNames[label]));
        }

        int written = 0;
        for (int i = 0; i < set.Count && written < perClass * classes.Count; i++)
        {
            int label = set.Labels[i];
            if (seen[label]++ < skipPerClass || wanted[label] == 0)
            {
                continue;
            }

            wanted[label]--;
            using var image = Mat.FromPixelData(set.Rows, set.Columns, MatType.CV_8UC1, set.Image(i).ToArray());
            Cv2.ImEncode(".png", image, out byte[] png);
            string name = string.Create(CultureInfo.InvariantCulture, $"{i:D5}.png");
            File.WriteAllBytes(Path.Combine(root, ClassNames[label], name), png);
            written++;
        }

        return written;
    }

    private static byte[] ReadGzip(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fashion-MNIST file {path} is missing: install it with 'apt-get install dataset-fashion-mnist'.", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static int Header(byte[] data, string path, int magic, int headerLength)
    {
        if (data.Length < headerLength || BinaryPrimitives.ReadInt32BigEndian(data) != magic)
        {
            throw new InvalidDataException($"{path} is not an IDX file of the expected kind (magic {magic:X8}).");
        }

        return BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
    }
}
