using OpenCvSharp;

namespace LiveClassify.Tests.Train.Data;

/// <summary>Writes small class-folder datasets of synthetic images for the data and training tests.</summary>
internal static class DataFolders
{
    /// <summary>Writes <paramref name="count"/> 16×12 PNGs of one colour per class into <c>root/className</c>.</summary>
    public static void WriteClass(string root, string className, int count, Scalar color)
    {
        string folder = Path.Combine(root, className);
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++)
        {
            using var image = new Mat(12, 16, MatType.CV_8UC3, color);
            // A bright pixel whose position varies makes every file distinct.
            image.Set(i % 12, i % 16, new Vec3b(255, 255, 255));
            Cv2.ImWrite(Path.Combine(folder, $"img{i:D3}.png"), image);
        }
    }
}
