using System.Runtime.InteropServices;

namespace LiveClassify.Core.Datasets;

/// <summary>The few C library calls .NET does not expose with the semantics we need.</summary>
internal static partial class LibC
{
    public const int EPERM = 1;
    public const int EEXIST = 17;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;

    /// <summary>
    /// link(2): creates <paramref name="newPath"/> as a second name of <paramref name="existingPath"/>, failing with
    /// EEXIST when the name is taken. Unlike rename(2) it never replaces a file, and unlike "check, then rename" there
    /// is no window in which another writer can slip in.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existingPath, string newPath);
}
