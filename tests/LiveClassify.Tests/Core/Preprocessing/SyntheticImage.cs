using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>Packed BGR test images with known content.</summary>
internal static class SyntheticImage
{
    public static readonly (byte B, byte G, byte R) Red = (0, 0, 255);
    public static readonly (byte B, byte G, byte R) Green = (0, 255, 0);
    public static readonly (byte B, byte G, byte R) Blue = (255, 0, 0);
    public static readonly (byte B, byte G, byte R) White = (255, 255, 255);

    /// <summary>An image where every pixel's colour is <paramref name="colour"/>(x, y).</summary>
    public static byte[] Create(int width, int height, Func<int, int, (byte B, byte G, byte R)> colour)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var (b, g, r) = colour(x, y);
                int at = ((y * width) + x) * 3;
                pixels[at] = b;
                pixels[at + 1] = g;
                pixels[at + 2] = r;
            }
        }

        return pixels;
    }

    /// <summary>Red top-left, green top-right, blue bottom-left, white bottom-right.</summary>
    public static byte[] Quadrants(int width, int height) => Create(width, height, (x, y) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => Red,
            (false, true) => Green,
            (true, false) => Blue,
            _ => White,
        });

    /// <summary>Pseudo-random pixels (fixed seed) for equivalence tests.</summary>
    public static byte[] Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }

    public static PreprocessSpec Spec(
        int width,
        int height,
        ResizeMode resize = ResizeMode.Stretch,
        Normalization? normalization = null,
        ColorOrder order = ColorOrder.Rgb,
        TensorLayout layout = TensorLayout.Nchw,
        TensorElementType type = TensorElementType.Float32,
        byte fill = 0) =>
        new(width, height, resize, order, normalization ?? Normalization.Raw, layout, type, fill);

    /// <summary>Runs a float spec over a packed image and returns the tensor.</summary>
    public static float[] RunFloat(PreprocessSpec spec, byte[] bgr, int width, int height)
    {
        var output = new float[spec.ElementsPerImage];
        new FramePreprocessor(spec).Run(bgr, width, height, width * 3, output);
        return output;
    }

    /// <summary>The three channel values of an NCHW float tensor at (x, y), in tensor channel order.</summary>
    public static (float C0, float C1, float C2) Nchw(float[] tensor, PreprocessSpec spec, int x, int y)
    {
        int plane = spec.Width * spec.Height;
        int at = (y * spec.Width) + x;
        return (tensor[at], tensor[plane + at], tensor[(2 * plane) + at]);
    }

    /// <summary>Asserts two tensors are equal element by element within <paramref name="tolerance"/>.</summary>
    public static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
            {
                Assert.Fail($"element {i} is {actual[i]}, expected {expected[i]} (tolerance {tolerance})");
            }
        }
    }
}
