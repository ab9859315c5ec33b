using LiveClassify.Capture.IO;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Session;

/// <summary>
/// Writes captured frames into a dataset class folder: lossless PNG, written to a hidden temporary file, flushed and
/// renamed to a name nobody else holds, so a crash never leaves a half image and two sessions never overwrite each
/// other's files.
/// </summary>
public static class DatasetWriter
{
    /// <summary>Saves <paramref name="frame"/> into <paramref name="folder"/> (created if needed); returns the path.</summary>
    /// <exception cref="IOException">The write failed (see <see cref="Describe"/>); no partial file is left.</exception>
    public static string SavePng(string folder, FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        byte[] png = ImageCodec.EncodePng(frame);
        Directory.CreateDirectory(folder);
        return AtomicFile.WriteNew(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{frame.FrameIndex:D6}", ".png", png);
    }

    /// <summary>One line for a failed save into class <paramref name="label"/>.</summary>
    public static string Describe(IOException error, string label)
    {
        ArgumentNullException.ThrowIfNull(error);
        return AtomicFile.IsDiskFull(error)
            ? $"disk full: frame not saved to {label} (images already written are intact)"
            : $"frame not saved to {label}: {error.Message}";
    }
}
