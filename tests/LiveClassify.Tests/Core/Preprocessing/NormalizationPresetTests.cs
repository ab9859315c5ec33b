using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>
/// Each preset applied to one uniform colour, B=10 G=100 R=200, against values worked out by hand from the preset's
/// definition. A uniform image resamples to itself, so only the normalisation is under test.
/// </summary>
public sealed class NormalizationPresetTests
{
    private const byte B = 10;
    private const byte G = 100;
    private const byte R = 200;
    private const float Tolerance = 1e-5f;

    // Presets in pixel units (caffe, raw) carry float rounding of values up to 255: 1e-6 relative.
    private const float PixelTolerance = 1e-4f;

    private static (float C0, float C1, float C2) Pixel(Normalization normalization, ColorOrder order, float tolerance = Tolerance)
    {
        var spec = SyntheticImage.Spec(4, 4, normalization: normalization, order: order);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Create(8, 6, (_, _) => (B, G, R)), 8, 6);
        var first = SyntheticImage.Nchw(tensor, spec, 0, 0);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                var pixel = SyntheticImage.Nchw(tensor, spec, x, y);
                Assert.Equal(first.C0, pixel.C0, tolerance);
                Assert.Equal(first.C1, pixel.C1, tolerance);
                Assert.Equal(first.C2, pixel.C2, tolerance);
            }
        }

        return first;
    }

    [Fact]
    public void Tf_maps_pixels_to_minus_one_to_one_in_rgb_order()
    {
        var (r, g, b) = Pixel(Normalization.Tf, ColorOrder.Rgb);

        Assert.Equal((200 / 127.5f) - 1, r, Tolerance);
        Assert.Equal((100 / 127.5f) - 1, g, Tolerance);
        Assert.Equal((10 / 127.5f) - 1, b, Tolerance);
    }

    [Fact]
    public void Torch_divides_by_255_then_applies_imagenet_mean_and_std()
    {
        var (r, g, b) = Pixel(Normalization.Torch, ColorOrder.Rgb);

        Assert.Equal(1.3070468f, r, Tolerance); // (200/255 - 0.485) / 0.229
        Assert.Equal(-0.2850140f, g, Tolerance); // (100/255 - 0.456) / 0.224
        Assert.Equal(-1.6301525f, b, Tolerance); // (10/255 - 0.406) / 0.225
    }

    [Fact]
    public void Caffe_subtracts_imagenet_means_in_bgr_order_without_scaling()
    {
        Assert.Equal(ColorOrder.Bgr, Normalization.Caffe.ImpliedColorOrder);
        var (b, g, r) = Pixel(Normalization.Caffe, ColorOrder.Bgr, PixelTolerance);

        Assert.Equal(10 - 103.939f, b, PixelTolerance);
        Assert.Equal(100 - 116.779f, g, PixelTolerance);
        Assert.Equal(200 - 123.68f, r, PixelTolerance);
    }

    [Fact]
    public void Raw_leaves_pixel_values_unchanged()
    {
        var (r, g, b) = Pixel(Normalization.Raw, ColorOrder.Rgb, PixelTolerance);

        Assert.Equal(200f, r, PixelTolerance);
        Assert.Equal(100f, g, PixelTolerance);
        Assert.Equal(10f, b, PixelTolerance);
        Assert.True(Normalization.Raw.IsIdentity);
    }

    [Fact]
    public void Explicit_mean_and_std_are_in_the_unit_scale_per_channel()
    {
        var normalization = Normalization.FromUnitMeanStd(new ChannelValues(0.5f, 0.25f, 0f), new ChannelValues(0.5f, 0.25f, 2f));
        var (r, g, b) = Pixel(normalization, ColorOrder.Rgb);

        Assert.Equal("custom", normalization.Preset);
        Assert.Equal(((200 / 255f) - 0.5f) / 0.5f, r, Tolerance);
        Assert.Equal(((100 / 255f) - 0.25f) / 0.25f, g, Tolerance);
        Assert.Equal((10 / 255f) / 2f, b, Tolerance);
    }

    [Theory]
    [InlineData("tf")]
    [InlineData("TORCH")]
    [InlineData(" caffe ")]
    [InlineData("raw")]
    public void Presets_are_found_by_name_ignoring_case_and_spaces(string name)
    {
        Assert.Equal(name.Trim().ToLowerInvariant(), Normalization.FromPreset(name).Preset);
    }

    [Fact]
    public void An_unknown_preset_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => Normalization.FromPreset("imagenet"));

        Assert.Contains("'imagenet'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tf, torch, caffe, raw", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void A_std_that_is_not_positive_is_refused(float std)
    {
        Assert.Throws<ArgumentException>(() => Normalization.FromUnitMeanStd(ChannelValues.All(0.5f), new ChannelValues(1, std, 1)));
    }

    [Fact]
    public void A_uint8_tensor_refuses_a_normalization_that_is_not_identity()
    {
        var spec = SyntheticImage.Spec(4, 4, normalization: Normalization.Torch, type: TensorElementType.UInt8);

        var error = Assert.Throws<ArgumentException>(() => new FramePreprocessor(spec));
        Assert.Contains("'torch'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,3", 1f, 2f, 3f)]
    [InlineData(" 0.5 ", 0.5f, 0.5f, 0.5f)]
    public void Channel_values_parse_three_numbers_or_one_for_all(string text, float c0, float c1, float c2)
    {
        Assert.Equal(new ChannelValues(c0, c1, c2), ChannelValues.Parse(text));
    }

    [Theory]
    [InlineData("1,2")]
    [InlineData("a,b,c")]
    [InlineData("1,2,NaN")]
    [InlineData("")]
    public void Channel_values_refuse_anything_else(string text)
    {
        Assert.Throws<FormatException>(() => ChannelValues.Parse(text));
    }
}
