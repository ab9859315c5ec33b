namespace LiveClassify.Cli.Demo;

/// <summary>
/// Where the demo's shipped files are: the models folder (given, or <c>models/</c> of the repository this program was
/// built from, found by walking up to the folder holding LiveClassify.sln), the default model, the clip and its truth.
/// </summary>
public sealed record DemoFiles(string Model, string Clip, string Truth)
{
    /// <summary>The default model's file name.</summary>
    public const string ModelName = "fashion-mnist.onnx";

    /// <summary>The demo's files in <paramref name="modelsFolder"/>, or in the repository's models folder when null.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it and how to make it.</exception>
    public static DemoFiles Find(string? modelsFolder)
    {
        string folder = modelsFolder is not null ? Path.GetFullPath(modelsFolder) : RepositoryModels();
        var files = new DemoFiles(Path.Combine(folder, ModelName), Path.Combine(folder, "demo", "fashion-demo.mp4"),
            Path.Combine(folder, "demo", "fashion-demo.truth.csv"));
        if (!File.Exists(files.Model))
        {
            throw new FileNotFoundException($"the default model {files.Model} is missing; make it with `liveclassify train` as described in {Path.Combine(folder, "README.md")}, or pass --models DIR.");
        }

        return File.Exists(files.Clip)
            ? files
            : throw new FileNotFoundException($"the demo clip {files.Clip} is missing; make it with scripts/make-demo-clip.");
    }

    private static string RepositoryModels()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LiveClassify.sln")))
            {
                return Path.Combine(folder.FullName, "models");
            }
        }

        throw new DirectoryNotFoundException($"no LiveClassify.sln above {AppContext.BaseDirectory}: pass --models DIR.");
    }
}
