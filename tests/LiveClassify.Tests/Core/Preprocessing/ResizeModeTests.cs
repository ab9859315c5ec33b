using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>Stretch, crop and letterbox on images whose content is known region by region.</summary>
public sealed class ResizeModeTests
{
    private const float Tolerance = 1e-3f;

    private static void AssertColour(float[] tensor, PreprocessSpec spec, int x, int y, (byte B, byte G, byte R) expected)
    {
        var (r, g, b) = SyntheticImage.Nchw(tensor, spec, x, y);
        Assert.True(
            Math.Abs(r - expected.R) < Tolerance && Math.Abs(g - expected.G) < Tolerance && Math.Abs(b - expected.B) < Tolerance,
            $"pixel ({x},{y}) is rgb({r},{g},{b}), expected rgb({expected.R},{expected.G},{expected.B})");
    }

    private static void AssertValue(float[] tensor, PreprocessSpec spec, int x, int y, float expected)
    {
        var (c0, c1, c2) = SyntheticImage.Nchw(tensor, spec, x, y);
        Assert.True(
            Math.Abs(c0 - expected) < Tolerance && Math.Abs(c1 - expected) < Tolerance && Math.Abs(c2 - expected) < Tolerance,
            $"pixel ({x},{y}) is ({c0},{c1},{c2}), expected {expected} on every channel");
    }

    [Fact]
    public void Stretch_keeps_each_quadrant_in_its_corner()
    {
        var spec = SyntheticImage.Spec(4, 4);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Quadrants(16, 8), 16, 8);

        AssertColour(tensor, spec, 0, 0, SyntheticImage.Red);
        AssertColour(tensor, spec, 3, 0, SyntheticImage.Green);
        AssertColour(tensor, spec, 0, 3, SyntheticImage.Blue);
        AssertColour(tensor, spec, 3, 3, SyntheticImage.White);
    }

    [Fact]
    public void Stretch_antialiases_a_downscale_by_averaging_neighbours()
    {
        // Alternating black and white columns shrunk 4x: a point sampler would give all black or all white.
        var spec = SyntheticImage.Spec(4, 1);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Create(16, 1, (x, _) => x % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : SyntheticImage.White), 16, 1);

        for (int x = 1; x < 3; x++)
        {
            AssertValue(tensor, spec, x, 0, 127.5f);
        }
    }

    [Fact]
    public void Stretch_upscale_is_bilinear_between_pixel_centres()
    {
        // Two pixels 0 and 200 stretched to four: centres at 0.25, 0.75, 1.25, 1.75 source pixels.
        var spec = SyntheticImage.Spec(4, 1);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Create(2, 1, (x, _) => x == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)200, (byte)200, (byte)200)), 2, 1);

        AssertValue(tensor, spec, 0, 0, 0f);
        AssertValue(tensor, spec, 1, 0, 50f);
        AssertValue(tensor, spec, 2, 0, 150f);
        AssertValue(tensor, spec, 3, 0, 200f);
    }

    [Fact]
    public void Crop_scales_the_shorter_side_then_keeps_the_centre_of_a_wide_frame()
    {
        // 24x8: red columns 0..5, green 6..17, blue 18..23. Shorter side 8 → 4 (scale 1/2); the centre 8 source
        // columns (8..15) fill the 4 output columns, and their filter taps (±2 source pixels) stay inside green.
        var spec = SyntheticImage.Spec(4, 4, ResizeMode.Crop);
        var image = SyntheticImage.Create(24, 8, (x, _) => x < 6 ? SyntheticImage.Red : x < 18 ? SyntheticImage.Green : SyntheticImage.Blue);
        var tensor = SyntheticImage.RunFloat(spec, image, 24, 8);

        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                AssertColour(tensor, spec, x, y, SyntheticImage.Green);
            }
        }

        // Stretched instead, the red band is in the first column (mixed with some green by the 6x filter).
        var stretched = SyntheticImage.RunFloat(SyntheticImage.Spec(4, 4), image, 24, 8);
        var (r, g, _) = SyntheticImage.Nchw(stretched, SyntheticImage.Spec(4, 4), 0, 0);
        Assert.True(r > 200 && g < 50, $"stretched pixel (0,0) is r {r} g {g}");
    }

    [Fact]
    public void Crop_keeps_the_centre_of_a_tall_frame()
    {
        var spec = SyntheticImage.Spec(4, 4, ResizeMode.Crop);
        var image = SyntheticImage.Create(8, 24, (_, y) => y < 6 ? SyntheticImage.Red : y < 18 ? SyntheticImage.Green : SyntheticImage.Blue);
        var tensor = SyntheticImage.RunFloat(spec, image, 8, 24);

        for (int y = 0; y < 4; y++)
        {
            AssertColour(tensor, spec, 2, y, SyntheticImage.Green);
        }
    }

    [Fact]
    public void Crop_placement_is_the_centred_square_of_the_shorter_side()
    {
        var placement = Placement.Compute(SyntheticImage.Spec(224, 224, ResizeMode.Crop), 640, 480);

        Assert.Equal(new Placement(80, 0, 480, 480, 0, 0, 224, 224), placement);
    }

    [Fact]
    public void Letterbox_centres_a_wide_frame_and_fills_the_bands()
    {
        // 16x8 into 8x8: the frame becomes 8x4 in rows 2..5; rows 0, 1, 6 and 7 are padding.
        var spec = SyntheticImage.Spec(8, 8, ResizeMode.Letterbox, fill: 114);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Quadrants(16, 8), 16, 8);

        Assert.Equal(new Placement(0, 0, 16, 8, 0, 2, 8, 4), Placement.Compute(spec, 16, 8));
        foreach (int y in (int[])[0, 1, 6, 7])
        {
            for (int x = 0; x < 8; x++)
            {
                AssertValue(tensor, spec, x, y, 114f);
            }
        }

        AssertColour(tensor, spec, 0, 2, SyntheticImage.Red);
        AssertColour(tensor, spec, 7, 2, SyntheticImage.Green);
        AssertColour(tensor, spec, 0, 5, SyntheticImage.Blue);
        AssertColour(tensor, spec, 7, 5, SyntheticImage.White);
    }

    [Fact]
    public void Letterbox_centres_a_tall_frame_between_side_bands()
    {
        var spec = SyntheticImage.Spec(8, 8, ResizeMode.Letterbox, fill: 7);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Quadrants(8, 16), 8, 16);

        Assert.Equal(new Placement(0, 0, 8, 16, 2, 0, 4, 8), Placement.Compute(spec, 8, 16));
        for (int y = 0; y < 8; y++)
        {
            foreach (int x in (int[])[0, 1, 6, 7])
            {
                AssertValue(tensor, spec, x, y, 7f);
            }
        }

        AssertColour(tensor, spec, 2, 0, SyntheticImage.Red);
        AssertColour(tensor, spec, 5, 0, SyntheticImage.Green);
        AssertColour(tensor, spec, 2, 7, SyntheticImage.Blue);
        AssertColour(tensor, spec, 5, 7, SyntheticImage.White);
    }

    [Fact]
    public void Letterbox_fill_is_normalised_like_the_pixels()
    {
        var spec = SyntheticImage.Spec(4, 4, ResizeMode.Letterbox, Normalization.Torch, fill: 114);
        var tensor = SyntheticImage.RunFloat(spec, SyntheticImage.Quadrants(16, 8), 16, 8);
        var (r, g, b) = SyntheticImage.Nchw(tensor, spec, 0, 0);

        Assert.Equal(((114 / 255f) - 0.485f) / 0.229f, r, 1e-5f);
        Assert.Equal(((114 / 255f) - 0.456f) / 0.224f, g, 1e-5f);
        Assert.Equal(((114 / 255f) - 0.406f) / 0.225f, b, 1e-5f);
    }

    [Fact]
    public void Letterbox_fill_in_a_uint8_nhwc_tensor_is_the_fill_byte()
    {
        var spec = SyntheticImage.Spec(8, 8, ResizeMode.Letterbox, layout: TensorLayout.Nhwc, type: TensorElementType.UInt8, fill: 114);
        var output = new byte[spec.ElementsPerImage];
        new FramePreprocessor(spec).Run(SyntheticImage.Quadrants(16, 8), 16, 8, 48, output);

        Assert.All(output.AsSpan(0, 48).ToArray(), value => Assert.Equal(114, value)); // rows 0 and 1
        Assert.Equal([255, 0, 0], output.AsSpan(48, 3).ToArray()); // row 2, x 0: red in RGB order
        Assert.Equal([255, 255, 255], output.AsSpan(((5 * 8) + 7) * 3, 3).ToArray()); // row 5, x 7: white
        Assert.All(output.AsSpan(144, 48).ToArray(), value => Assert.Equal(114, value)); // rows 6 and 7
    }
}
