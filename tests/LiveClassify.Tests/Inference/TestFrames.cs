using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Inference;

/// <summary>Deterministic BGR frames for the inference tests.</summary>
internal static class TestFrames
{
    /// <summary>A frame of one colour, rented from <paramref name="pool"/> (the caller releases it).</summary>
    public static FrameBuffer Uniform(FramePool pool, int width, int height, byte blue, byte green, byte red)
    {
        var frame = pool.Rent(width, height);
        var pixels = frame.Pixels;
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = blue;
            pixels[i + 1] = green;
            pixels[i + 2] = red;
        }

        return frame;
    }

    /// <summary>A frame of pseudo-random pixels that depend only on <paramref name="seed"/>.</summary>
    public static FrameBuffer Noise(FramePool pool, int width, int height, int seed)
    {
        var frame = pool.Rent(width, height);
        new Random(seed).NextBytes(frame.Pixels);
        frame.FrameIndex = seed;
        return frame;
    }
}
