using LiveClassify.Capture.IO;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Capture.Synthetic;

public sealed class CounterCodeTests
{
    [Theory]
    [InlineData(0, 640, 480)]
    [InlineData(1, 16, 16)]
    [InlineData(12345, 320, 240)]
    [InlineData(4294967295, 101, 77)]
    public void An_index_painted_is_read_back(long index, int width, int height)
    {
        var pixels = new byte[width * height * 3];

        CounterCode.Paint(pixels, width, height, index);

        Assert.True(CounterCode.TryDecode(pixels, width, height, out long read));
        Assert.Equal(index, read);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(128)]
    [InlineData(255)]
    public void A_uniform_picture_does_not_decode(byte level)
    {
        var pixels = new byte[64 * 48 * 3];
        pixels.AsSpan().Fill(level);

        Assert.False(CounterCode.TryDecode(pixels, 64, 48, out _));
    }

    [Fact]
    public void Colour_bars_and_moving_shapes_do_not_decode()
    {
        var pixels = new byte[320 * 240 * 3];
        TestPatterns.PaintColorBars(pixels, 320, 240);
        Assert.False(CounterCode.TryDecode(pixels, 320, 240, out _));

        TestPatterns.PaintMovingShapes(pixels, 320, 240, 17);
        Assert.False(CounterCode.TryDecode(pixels, 320, 240, out _));
    }

    [Fact]
    public void A_code_with_one_flipped_cell_is_refused()
    {
        var pixels = new byte[80 * 50 * 3];
        CounterCode.Paint(pixels, 80, 50, 77);
        // Cell 0 (the lowest index bit) is the 10x10 block at the top left: invert it.
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 30; x++)
            {
                pixels[(y * 240) + x] = (byte)(255 - pixels[(y * 240) + x]);
            }
        }

        Assert.False(CounterCode.TryDecode(pixels, 80, 50, out _));
    }

    [Fact]
    public void The_code_survives_jpeg_compression()
    {
        var pool = new FramePool();
        var frame = pool.Rent(160, 120);
        CounterCode.Paint(frame.Pixels, 160, 120, 9876);

        byte[] jpeg = ImageCodec.EncodeJpeg(frame, quality: 40);
        frame.Release();
        var decoded = ImageCodec.DecodeImage(jpeg, pool);

        Assert.True(CounterCode.TryDecode(decoded.Pixels, decoded.Width, decoded.Height, out long index));
        Assert.Equal(9876, index);
        decoded.Release();
        Assert.Equal(0, pool.Outstanding);
    }
}
