using LiveClassify.Capture;
using LiveClassify.Capture.IO;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Capture.IO;

public sealed class ImageCodecTests
{
    [Fact]
    public void Png_round_trip_is_lossless()
    {
        using var folder = new TempFolder();
        var pool = new FramePool();
        var frame = pool.Rent(37, 23);
        TestPatterns.PaintMovingShapes(frame.Pixels, 37, 23, 5);
        frame.Pixels[0] = 1;
        frame.Pixels[1] = 2;
        frame.Pixels[2] = 3;
        string path = folder.Combine("frame.png");
        File.WriteAllBytes(path, ImageCodec.EncodePng(frame));

        var read = ImageCodec.ReadImage(path, pool);

        Assert.Equal((37, 23), (read.Width, read.Height));
        Assert.True(read.Pixels.SequenceEqual(frame.Pixels));
        read.Release();
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Jpeg_is_close_to_the_original()
    {
        var pool = new FramePool();
        var frame = pool.Rent(64, 64);
        TestPatterns.PaintColorBars(frame.Pixels, 64, 64);

        var read = ImageCodec.DecodeImage(ImageCodec.EncodeJpeg(frame, 95), pool);

        int worst = 0;
        // Compare the middle of each bar, away from the edges JPEG smears.
        for (int bar = 0; bar < 8; bar++)
        {
            int offset = ((32 * 64) + (bar * 8) + 4) * 3;
            for (int c = 0; c < 3; c++)
            {
                worst = Math.Max(worst, Math.Abs(read.Pixels[offset + c] - frame.Pixels[offset + c]));
            }
        }

        Assert.InRange(worst, 0, 24);
        read.Release();
        frame.Release();
    }

    [Fact]
    public void Grey_images_become_bgr()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("grey.pgm");
        File.WriteAllBytes(path, [.. "P5 2 1 255\n"u8, 10, 200]);
        var pool = new FramePool();

        var read = ImageCodec.ReadImage(path, pool);

        Assert.Equal([10, 10, 10, 200, 200, 200], read.Pixels.ToArray());
        read.Release();
    }

    [Fact]
    public void A_missing_image_is_named()
    {
        var error = Assert.Throws<CaptureException>(() => ImageCodec.ReadImage("/nonexistent/cat.jpg", new FramePool()));

        Assert.Equal("/nonexistent/cat.jpg: file not found", error.Message);
    }

    [Fact]
    public void An_empty_image_is_named()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("empty.png");
        File.WriteAllBytes(path, []);

        Assert.False(ImageCodec.TryReadImage(path, new FramePool(), out var frame, out string? error));

        Assert.Null(frame);
        Assert.Equal($"{path}: file is empty (0 bytes)", error);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_refused()
    {
        var error = Assert.Throws<CaptureException>(() => ImageCodec.DecodeImage("hello"u8, new FramePool(), "upload.png"));

        Assert.Equal("upload.png: not a decodable image (unknown format or corrupt data)", error.Message);
    }
}
