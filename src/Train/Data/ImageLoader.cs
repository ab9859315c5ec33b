using System.Runtime.InteropServices;
using LiveClassify.Core.Preprocessing;
using OpenCvSharp;

namespace LiveClassify.Train.Data;

/// <summary>
/// Decodes image files with OpenCV into BGR, applies a training view's augmentation, and preprocesses with Core's
/// <see cref="FramePreprocessor"/>: the same code the live loop runs on camera frames, so training and inference see
/// identically prepared tensors.
/// </summary>
/// <remarks>Not thread-safe: one instance per thread (it reuses its pixel buffer and resampling tables).</remarks>
public sealed class ImageLoader
{
    private readonly FramePreprocessor _preprocessor;
    private byte[] _pixels = [];

    /// <summary>Creates a loader for one float32 preprocessing contract.</summary>
    public ImageLoader(PreprocessSpec spec)
    {
        _preprocessor = new FramePreprocessor(spec);
        if (spec.ElementType != TensorElementType.Float32)
        {
            throw new ArgumentException($"Training needs a float32 input tensor, not {spec.ElementType}.", nameof(spec));
        }
    }

    /// <summary>The contract applied.</summary>
    public PreprocessSpec Spec => _preprocessor.Spec;

    /// <summary>Why <paramref name="path"/> cannot be used as an image, or null when it decodes.</summary>
    public static string? Probe(string path)
    {
        using var image = Decode(path, out string? problem);
        return problem;
    }

    /// <summary>
    /// Decodes every image once and returns those that decode; each one that does not is added to
    /// <paramref name="problems"/> (the caller warns and counts), so training never meets a bad file mid-epoch.
    /// </summary>
    public static IReadOnlyList<LabeledImage> KeepDecodable(IReadOnlyList<LabeledImage> images, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(problems);
        var kept = new List<LabeledImage>(images.Count);
        foreach (var image in images)
        {
            string? problem = Probe(image.Path);
            if (problem is null)
            {
                kept.Add(image);
            }
            else
            {
                problems.Add(problem);
            }
        }

        return kept;
    }

    /// <summary>
    /// Writes the preprocessed tensor of <paramref name="path"/> (<see cref="PreprocessSpec.ElementsPerImage"/> values)
    /// into <paramref name="destination"/>. Returns false with the reason when the file cannot be read or decoded.
    /// </summary>
    public bool TryLoad(string path, AugmentationParameters augmentation, Span<float> destination, out string? problem)
    {
        using var decoded = Decode(path, out problem);
        if (decoded is null)
        {
            return false;
        }

        using var augmented = ImageAugmenter.ApplyGeometry(decoded, augmentation);
        var image = augmented ?? decoded;
        int width = image.Cols;
        int height = image.Rows;
        int stride = width * 3;
        int length = stride * height;
        if (_pixels.Length < length)
        {
            _pixels = new byte[length];
        }

        CopyPacked(image, _pixels);
        ImageAugmenter.ApplyColor(_pixels.AsSpan(0, length), augmentation);
        _preprocessor.Run(_pixels.AsSpan(0, length), width, height, stride, destination);
        return true;
    }

    /// <summary>Decodes a file to a 3-channel BGR Mat owned by the caller, or null with the reason.</summary>
    internal static Mat? Decode(string path, out string? problem)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: cannot be read ({error.Message})";
            return null;
        }

        if (bytes.Length == 0)
        {
            problem = $"{path}: the file is empty";
            return null;
        }

        var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            problem = $"{path}: not a decodable image";
            return null;
        }

        problem = null;
        return image;
    }

    private static void CopyPacked(Mat image, byte[] destination)
    {
        int rowBytes = image.Cols * 3;
        int rows = image.Rows;
        for (int y = 0; y < rows; y++)
        {
            // Rows may be padded (step > cols * 3): copy row by row into the packed buffer.
            Marshal.Copy(image.Ptr(y), destination, y * rowBytes, rowBytes);
        }
    }
}
