using LiveClassify.Capture.IO;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Support;

/// <summary>Short videos of solid colours, the content <see cref="ColourModel"/> recognises.</summary>
internal static class ColourVideo
{
    public static readonly (byte B, byte G, byte R) Red = (0, 0, 255);
    public static readonly (byte B, byte G, byte R) Green = (0, 255, 0);
    public static readonly (byte B, byte G, byte R) Blue = (255, 0, 0);

    /// <summary>Writes <paramref name="framesPerColour"/> frames of each BGR colour at <paramref name="fps"/>.</summary>
    public static string Write(string path, (byte B, byte G, byte R)[] colours, int framesPerColour, double fps = 15, int width = 64, int height = 48)
    {
        var pool = new FramePool();
        using var writer = VideoFileWriter.Create(path, width, height, fps);
        foreach (var (b, g, r) in colours)
        {
            var frame = pool.Rent(width, height);
            var pixels = frame.Pixels;
            for (int i = 0; i < pixels.Length; i += 3)
            {
                pixels[i] = b;
                pixels[i + 1] = g;
                pixels[i + 2] = r;
            }

            for (int i = 0; i < framesPerColour; i++)
            {
                writer.Write(frame);
            }

            frame.Release();
        }

        return path;
    }
}
