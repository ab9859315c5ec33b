using System.Text;

namespace LiveClassify.Core.Datasets;

/// <summary>
/// The rules for a class name that becomes a folder inside a dataset. A label comes from a keyboard, a command line or
/// a model's metadata; whatever it says, it must name exactly one folder directly inside the dataset.
/// </summary>
public static class DatasetLabel
{
    /// <summary>Longest label accepted, in characters (and at most 255 bytes of UTF-8, the file-name limit).</summary>
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="label"/> cannot be a dataset class, or null when it can.</summary>
    public static string? Problem(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return "a label must not be empty";
        }

        if (label.Length > MaxLength || Encoding.UTF8.GetByteCount(label) > 255)
        {
            return $"label '{Shorten(label)}' is longer than {MaxLength} characters";
        }

        foreach (char c in label)
        {
            if (c == '\0')
            {
                return "a label must not contain NUL";
            }

            if (char.IsControl(c))
            {
                return $"label '{Printable(label)}' contains a control character (U+{(int)c:X4})";
            }

            if (c is '/' or '\\')
            {
                return $"label '{label}' contains a path separator";
            }
        }

        if (label is "." or "..")
        {
            return $"label '{label}' would name the dataset folder or its parent";
        }

        if (label.Trim().Length != label.Length)
        {
            return $"label '{label}' starts or ends with white space";
        }

        if (label[0] == '.')
        {
            return $"label '{label}' starts with '.', which hides the folder";
        }

        if (label[0] == '_')
        {
            return $"label '{label}' starts with '_', which LiveClassify reserves for its own folders (such as _review)";
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the problem when <paramref name="label"/> is not valid.</summary>
    public static string Validate(string? label)
    {
        string? problem = Problem(label);
        return problem is null ? label! : throw new ArgumentException(problem, nameof(label));
    }

    /// <summary>
    /// The folder of <paramref name="label"/> inside <paramref name="datasetRoot"/>, after validating the label and
    /// checking that the result really lies directly inside the root.
    /// </summary>
    public static string FolderOf(string datasetRoot, string label)
    {
        Validate(label);
        string root = Path.GetFullPath(datasetRoot);
        string folder = Path.GetFullPath(Path.Combine(root, label));
        if (!string.Equals(Path.GetDirectoryName(folder), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new ArgumentException($"label '{label}' does not name a folder directly inside {root}", nameof(label));
        }

        return folder;
    }

    private static string Shorten(string label) => label.Length <= 20 ? label : label[..20] + "…";

    private static string Printable(string label) =>
        new([.. label.Select(c => char.IsControl(c) ? '?' : c)]);
}
