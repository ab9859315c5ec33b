namespace LiveClassify.Core.Datasets;

/// <summary>Which files count as images in datasets and image-folder sources.</summary>
public static class ImageFiles
{
    /// <summary>Extensions read as images (lower case, with the dot).</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm" };

    /// <summary>
    /// Whether <paramref name="path"/> is an image file to read: an image extension and not hidden (temporary files
    /// of atomic writes start with '.', so a half-written file is never read).
    /// </summary>
    public static bool IsImage(string path)
    {
        string name = Path.GetFileName(path);
        return name.Length > 0 && name[0] != '.' && Extensions.Contains(Path.GetExtension(name));
    }
}
