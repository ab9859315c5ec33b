namespace LiveClassify.Core.Datasets;

/// <summary>
/// A folder with one subfolder per class, the layout of Keras's <c>image_dataset_from_directory</c> and the layout
/// the live session captures into. Class names are the subfolder names sorted ordinally; files at the root, hidden
/// folders and folders starting with '_' (LiveClassify's own, such as <c>_review</c>) are ignored.
/// </summary>
public sealed class DatasetFolder
{
    private DatasetFolder(string root, IReadOnlyList<DatasetClass> classes)
    {
        Root = root;
        Classes = classes;
    }

    /// <summary>Full path of the dataset folder.</summary>
    public string Root { get; }

    /// <summary>Classes in label order.</summary>
    public IReadOnlyList<DatasetClass> Classes { get; }

    /// <summary>The class names in label order.</summary>
    public IReadOnlyList<string> ClassNames => [.. Classes.Select(c => c.Name)];

    /// <summary>Total number of image files.</summary>
    public int ImageCount => Classes.Sum(c => c.Images.Count);

    /// <summary>Lists the classes and images of <paramref name="root"/>; nothing is decoded.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static DatasetFolder Scan(string root)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Dataset folder {root} does not exist.");
        }

        var classes = Directory.EnumerateDirectories(full)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => DatasetLabel.Problem(name) is null)
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                string folder = Path.Combine(full, name);
                var images = Directory.EnumerateFiles(folder).Where(ImageFiles.IsImage).Order(StringComparer.Ordinal).ToArray();
                return new DatasetClass(name, folder, images);
            })
            .ToArray();
        return new DatasetFolder(full, classes);
    }
}
