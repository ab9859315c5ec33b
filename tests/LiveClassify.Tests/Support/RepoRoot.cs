namespace LiveClassify.Tests.Support;

/// <summary>The repository the tests were built from, found by walking up from the test output to the solution.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, which must exist.</summary>
    public static string File(params string[] parts)
    {
        string path = System.IO.Path.Combine([Path, .. parts]);
        return System.IO.File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not in the repository.");
    }

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "LiveClassify.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LiveClassify.sln above {AppContext.BaseDirectory}.");
    }
}
