namespace LiveClassify.Tests.Support;

/// <summary>Paths of the files under TestData/, copied beside the test assembly.</summary>
internal static class TestData
{
    /// <summary>The TestData folder in the test output.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>A file under TestData/, which must exist.</summary>
    public static string File(params string[] parts)
    {
        string path = Path.Combine([Root, .. parts]);
        return System.IO.File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"Test data {path} is missing from the test output.");
    }

    /// <summary>One of the torchvision MobileNetV2 fixtures (see TestData/fixtures/README.md).</summary>
    public static string Fixture(string name) => File("fixtures", name);

    /// <summary>Reads a raw little-endian float32 reference tensor.</summary>
    public static float[] ReadFloats(string path)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
        return values;
    }
}
