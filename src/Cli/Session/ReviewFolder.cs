using System.Security.Cryptography;
using System.Text.Json;
using LiveClassify.Core.Datasets;

namespace LiveClassify.Cli.Session;

/// <summary>
/// The frames active learning kept in <c>DATASET/_review/</c>: lists them with their predictions and moves them into
/// class folders (a rename in the same file system, so atomic; never over an existing file) or deletes them.
/// </summary>
public sealed class ReviewFolder
{
    private readonly string _dataset;

    /// <summary>The review folder of <paramref name="dataset"/>.</summary>
    public ReviewFolder(string dataset)
    {
        _dataset = Path.GetFullPath(dataset);
        Folder = Path.Combine(_dataset, ReviewQueue.FolderName);
    }

    /// <summary>The review folder.</summary>
    public string Folder { get; }

    /// <summary>The kept frames, oldest first, each with its record (null when the JSON is missing or unreadable).</summary>
    public IReadOnlyList<(string Image, ReviewRecord? Record)> List() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "*.png").Where(f => !AtomicFile.IsTemporary(f)).Order(StringComparer.Ordinal)
                .Select(image => (image, ReadRecord(image)))]
            : [];

    /// <summary>Moves the frame <paramref name="file"/> (a name in the review folder) into class <paramref name="label"/>; returns its new path.</summary>
    /// <exception cref="ArgumentException">The label is not valid, or the file is not a frame of the review folder.</exception>
    public string Move(string file, string label)
    {
        string folder = ClassFolder(label);
        string image = Resolve(file);
        Directory.CreateDirectory(folder);
        string target = Path.Combine(folder, Path.GetFileName(image));
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(image, target, overwrite: false);
                break;
            }
            catch (IOException) when (File.Exists(target) && attempt < 16)
            {
                target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(image)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}.png");
            }
        }

        File.Delete(Path.ChangeExtension(image, ".json"));
        return target;
    }

    /// <summary>Moves every frame into class <paramref name="label"/>; returns how many.</summary>
    public int MoveAll(string label)
    {
        ClassFolder(label);
        var frames = List();
        foreach (var (image, _) in frames)
        {
            Move(Path.GetFileName(image), label);
        }

        return frames.Count;
    }

    /// <summary>Deletes the frame <paramref name="file"/> and its record.</summary>
    public void Delete(string file)
    {
        string image = Resolve(file);
        File.Delete(image);
        File.Delete(Path.ChangeExtension(image, ".json"));
    }

    private string ClassFolder(string label) =>
        DatasetLabel.Problem(label) is { } problem ? throw new ArgumentException($"{problem}.") : DatasetLabel.FolderOf(_dataset, label);

    private string Resolve(string file)
    {
        // Only a frame directly inside the review folder: a name, or a path that leads there.
        string image = Path.GetFullPath(Path.Combine(Folder, file));
        if (!string.Equals(Path.GetDirectoryName(image), Folder, StringComparison.Ordinal) || !image.EndsWith(".png", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{file}' is not a frame in {Folder}.");
        }

        return File.Exists(image) ? image : throw new FileNotFoundException($"{image} does not exist (see `liveclassify review {_dataset} --list`).");
    }

    private static ReviewRecord? ReadRecord(string image)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.ChangeExtension(image, ".json")), ReviewJson.Default.ReviewRecord);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
