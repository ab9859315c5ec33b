namespace LiveClassify.Train.Models;

/// <summary>How far a download has come.</summary>
/// <param name="File">The file being written (its final name).</param>
/// <param name="BytesReceived">Bytes on disk so far, including those of an earlier, resumed attempt.</param>
/// <param name="TotalBytes">The full size when known.</param>
public readonly record struct DownloadProgress(string File, long BytesReceived, long? TotalBytes);
