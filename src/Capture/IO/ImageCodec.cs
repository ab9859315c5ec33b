using System.Diagnostics.CodeAnalysis;
using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.IO;

/// <summary>Reads images into pooled BGR frames and encodes frames as PNG or JPEG, through OpenCV.</summary>
/// <remarks>
/// Any format OpenCV decodes is read (PNG, JPEG, BMP, WebP, TIFF, PGM/PPM); grey and alpha images become BGR, 16-bit
/// ones 8-bit. The frames returned are rented from the caller's pool with one reference, which the caller owns.
/// </remarks>
public static class ImageCodec
{
    /// <summary>Reads an image file into a frame from <paramref name="pool"/>.</summary>
    /// <exception cref="CaptureException">The file is missing, empty, or not a decodable image; the message names it.</exception>
    public static FrameBuffer ReadImage(string path, FramePool pool)
    {
        return TryReadImage(path, pool, out var frame, out string? error) ? frame : throw new CaptureException(error);
    }

    /// <summary>Reads an image file, or says in one line (naming the file) why it cannot be read.</summary>
    public static bool TryReadImage(string path, FramePool pool, [NotNullWhen(true)] out FrameBuffer? frame, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(pool);
        frame = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = exception is FileNotFoundException or DirectoryNotFoundException
                ? $"{path}: file not found"
                : $"{path}: cannot be read ({exception.Message})";
            return false;
        }

        return TryDecode(bytes, pool, path, out frame, out error);
    }

    /// <summary>Decodes an encoded image (PNG, JPEG, …) held in memory.</summary>
    /// <param name="bytes">The encoded file's bytes.</param>
    /// <param name="pool">Where the frame is rented from.</param>
    /// <param name="name">What to call the image in an error message (its file name or URL).</param>
    /// <exception cref="CaptureException">The bytes are not a decodable image.</exception>
    public static FrameBuffer DecodeImage(ReadOnlySpan<byte> bytes, FramePool pool, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(pool);
        return TryDecode(bytes, pool, name, out var frame, out string? error) ? frame : throw new CaptureException(error);
    }

    /// <summary>Encodes a frame as PNG: lossless, for datasets.</summary>
    public static byte[] EncodePng(FrameBuffer frame) => Encode(frame, ".png", [(int)ImwriteFlags.PngCompression, 3]);

    /// <summary>Encodes a frame as JPEG at <paramref name="quality"/> (1–100).</summary>
    public static byte[] EncodeJpeg(FrameBuffer frame, int quality = 95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return Encode(frame, ".jpg", [(int)ImwriteFlags.JpegQuality, quality]);
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, FramePool pool, string name, [NotNullWhen(true)] out FrameBuffer? frame, [NotNullWhen(false)] out string? error)
    {
        frame = null;
        if (bytes.IsEmpty)
        {
            error = $"{name}: file is empty (0 bytes)";
            return false;
        }

        using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
        if (image.Empty())
        {
            error = $"{name}: not a decodable image (unknown format or corrupt data)";
            return false;
        }

        if (image.Width > FramePool.MaxSide || image.Height > FramePool.MaxSide)
        {
            error = $"{name}: the image is {image.Width}x{image.Height}, larger than {FramePool.MaxSide} pixels per side";
            return false;
        }

        using var conversion = new Mat();
        frame = MatFrames.ToFrame(image, pool, conversion);
        error = null;
        return true;
    }

    private static byte[] Encode(FrameBuffer frame, string extension, int[] parameters)
    {
        ArgumentNullException.ThrowIfNull(frame);
        // A header over the frame's pinned pixels: no copy, valid while the caller holds its reference.
        using var header = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, frame.Pointer, frame.Stride);
        return Cv2.ImEncode(extension, header, out byte[] encoded, parameters)
            ? encoded
            : throw new InvalidOperationException($"OpenCV could not encode a {frame.Width}x{frame.Height} frame as {extension}.");
    }
}
