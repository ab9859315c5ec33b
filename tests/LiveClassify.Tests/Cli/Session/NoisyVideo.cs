using LiveClassify.Capture.IO;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>A video of random pixels: its frames compress badly, so a few of them fill a small disk.</summary>
internal static class NoisyVideo
{
    public static string Write(string path, int frames, int width = 128, int height = 96)
    {
        var pool = new FramePool();
        var random = new Random(7);
        using var writer = VideoFileWriter.Create(path, width, height, 15);
        var frame = pool.Rent(width, height);
        for (int i = 0; i < frames; i++)
        {
            random.NextBytes(frame.Pixels);
            writer.Write(frame);
        }

        frame.Release();
        return path;
    }
}
