using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LiveClassify.Core.Datasets;

/// <summary>
/// Writes files so that readers only ever see a complete file or none: the data goes to a hidden temporary file in
/// the same folder, is flushed to disk, and is renamed over the final name. A crash or power loss leaves at most a
/// hidden ".…tmp" file, which dataset scans and model watchers ignore.
/// </summary>
public static class AtomicFile
{
    private const int ENOSPC = 28;
    private const int EDQUOT = 122;

    /// <summary>Writes (or replaces) <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> data)
    {
        string temporary = TemporaryPathFor(path);
        try
        {
            WriteFlushed(temporary, data);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes (or replaces) <paramref name="path"/> atomically with content produced by <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temporary = TemporaryPathFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Writes a new file named <c>{stem}{extension}</c> in <paramref name="folder"/>, never replacing an existing file:
    /// if the name is taken (another session writing into the same folder), a suffix is added. Returns the path written.
    /// </summary>
    public static string WriteNew(string folder, string stem, string extension, ReadOnlySpan<byte> data)
    {
        string temporary = TemporaryPathFor(Path.Combine(folder, stem + extension));
        try
        {
            WriteFlushed(temporary, data);
            for (int attempt = 0; attempt < 16; attempt++)
            {
                string name = attempt == 0 ? stem : $"{stem}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
                string path = Path.Combine(folder, name + extension);
                if (TryPublishNew(temporary, path))
                {
                    TryDelete(temporary);
                    return path;
                }
            }

            throw new IOException($"{Path.Combine(folder, stem + extension)}: every name tried was taken.");
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Gives the complete temporary file its final name if that name is free; false when it is taken. File.Move with
    /// overwrite: false checks for the target and then renames, so a file created in between would be replaced; a
    /// hard link fails atomically instead. The temporary name stays and is removed by the caller.
    /// </summary>
    private static bool TryPublishNew(string temporary, string path)
    {
        if (LibC.Link(temporary, path) == 0)
        {
            return true;
        }

        int error = Marshal.GetLastPInvokeError();
        if (error == LibC.EEXIST)
        {
            return false;
        }

        if (error is not (LibC.EPERM or LibC.EOPNOTSUPP or LibC.ENOSYS))
        {
            throw new IOException($"{path}: cannot be created ({Marshal.GetPInvokeErrorMessage(error)}).", error);
        }

        // A file system without hard links (FAT, some network mounts): the check-then-rename of File.Move is the best
        // that is left there.
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Whether an I/O error means the disk (or the user's quota) is full.</summary>
    public static bool IsDiskFull(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        int code = error.HResult & 0xFFFF;
        return code is ENOSPC or EDQUOT || error.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a file name is a temporary file of an unfinished atomic write.</summary>
    public static bool IsTemporary(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
    }

    private static string TemporaryPathFor(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{suffix}.tmp");
    }

    private static void WriteFlushed(string path, ReadOnlySpan<byte> data)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(data);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name is hidden and ignored by every reader.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
