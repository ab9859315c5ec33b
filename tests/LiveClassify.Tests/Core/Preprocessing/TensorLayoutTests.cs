using LiveClassify.Core.Frames;
using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>
/// Channel order, memory layout and element type on a 2x2 image kept at its size (no resampling), so every value is
/// a source byte: pixel p = y * 2 + x has B = 10p + 1, G = 10p + 2, R = 10p + 3.
/// </summary>
public sealed class TensorLayoutTests
{
    private static readonly byte[] Image = SyntheticImage.Create(2, 2, (x, y) =>
    {
        int p = (y * 2) + x;
        return ((byte)((10 * p) + 1), (byte)((10 * p) + 2), (byte)((10 * p) + 3));
    });

    private static float[] Floats(ColorOrder order, TensorLayout layout)
    {
        var spec = SyntheticImage.Spec(2, 2, order: order, layout: layout);
        return SyntheticImage.RunFloat(spec, Image, 2, 2);
    }

    [Fact]
    public void Nchw_rgb_is_three_planes_red_first()
    {
        SyntheticImage.AssertClose([3, 13, 23, 33, 2, 12, 22, 32, 1, 11, 21, 31], Floats(ColorOrder.Rgb, TensorLayout.Nchw), 1e-5f);
    }

    [Fact]
    public void Nchw_bgr_is_three_planes_blue_first()
    {
        SyntheticImage.AssertClose([1, 11, 21, 31, 2, 12, 22, 32, 3, 13, 23, 33], Floats(ColorOrder.Bgr, TensorLayout.Nchw), 1e-5f);
    }

    [Fact]
    public void Nhwc_rgb_interleaves_channels_per_pixel()
    {
        SyntheticImage.AssertClose([3, 2, 1, 13, 12, 11, 23, 22, 21, 33, 32, 31], Floats(ColorOrder.Rgb, TensorLayout.Nhwc), 1e-5f);
    }

    [Fact]
    public void Nhwc_bgr_is_the_frame_itself()
    {
        SyntheticImage.AssertClose(Image.Select(b => (float)b).ToArray(), Floats(ColorOrder.Bgr, TensorLayout.Nhwc), 1e-5f);
    }

    [Fact]
    public void Uint8_nchw_rgb_holds_the_source_bytes()
    {
        var spec = SyntheticImage.Spec(2, 2, type: TensorElementType.UInt8);
        var output = new byte[12];
        new FramePreprocessor(spec).Run(Image, 2, 2, 6, output);

        Assert.Equal([3, 13, 23, 33, 2, 12, 22, 32, 1, 11, 21, 31], output);
    }

    [Fact]
    public void Rows_with_padding_are_read_by_their_stride()
    {
        var padded = new byte[2 * 8];
        Image.AsSpan(0, 6).CopyTo(padded);
        Image.AsSpan(6, 6).CopyTo(padded.AsSpan(8));
        var spec = SyntheticImage.Spec(2, 2, order: ColorOrder.Bgr, layout: TensorLayout.Nhwc);
        var output = new float[12];
        new FramePreprocessor(spec).Run(padded, 2, 2, 8, output);

        SyntheticImage.AssertClose(Image.Select(b => (float)b).ToArray(), output, 1e-5f);
    }

    [Fact]
    public void A_frame_buffer_is_read_like_its_pixels()
    {
        var pool = new FramePool();
        var frame = pool.Rent(2, 2);
        Image.CopyTo(frame.Pixels);
        var spec = SyntheticImage.Spec(2, 2, order: ColorOrder.Bgr, layout: TensorLayout.Nhwc);
        var output = new float[12];
        new FramePreprocessor(spec).Run(frame, output);
        frame.Release();

        SyntheticImage.AssertClose(Image.Select(b => (float)b).ToArray(), output, 1e-5f);
    }

    [Fact]
    public void A_destination_of_the_wrong_size_is_refused()
    {
        var preprocessor = new FramePreprocessor(SyntheticImage.Spec(2, 2));

        var error = Assert.Throws<ArgumentException>(() => preprocessor.Run(Image, 2, 2, 6, new float[11]));
        Assert.Contains("12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_smaller_than_its_size_says_is_refused()
    {
        var preprocessor = new FramePreprocessor(SyntheticImage.Spec(2, 2));

        Assert.Throws<ArgumentException>(() => preprocessor.Run(Image.AsSpan(0, 11), 2, 2, 6, new float[12]));
        Assert.Throws<ArgumentException>(() => preprocessor.Run(Image, 2, 2, 5, new float[12]));
    }

    [Fact]
    public void The_element_type_must_match_the_destination()
    {
        var floats = new FramePreprocessor(SyntheticImage.Spec(2, 2));
        var bytes = new FramePreprocessor(SyntheticImage.Spec(2, 2, type: TensorElementType.UInt8));

        Assert.Throws<InvalidOperationException>(() => floats.Run(Image, 2, 2, 6, new byte[12]));
        Assert.Throws<InvalidOperationException>(() => bytes.Run(Image, 2, 2, 6, new float[12]));
    }
}
