namespace LiveClassify.Tests.Support;

/// <summary>TorchSharp's native library as the NuGet cache holds it, unpatched. Tests only read it, or copy it.</summary>
internal static class TorchSharpPackage
{
    /// <summary>The cached <c>libLibTorchSharp.so</c>; skips the test when the cache is elsewhere.</summary>
    public static string CachedNativeLibrary()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string version = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        string path = Path.Combine(root, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.SkipUnless(File.Exists(path), $"TorchSharp's native library is not in the NuGet cache at {path}");
        return path;
    }
}
