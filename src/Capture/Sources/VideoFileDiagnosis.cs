using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// Says why a video file does not open or stops early, from its bytes: OpenCV only reports failure. Knows the
/// ISO/MP4 box layout well enough to spot a file cut short, and text files with a video extension.
/// </summary>
internal static class VideoFileDiagnosis
{
    private const int SniffBytes = 512;

    /// <summary>Why <paramref name="path"/> (which exists and is not empty) could not be opened as a video.</summary>
    public static string WhyNotOpened(string path)
    {
        byte[] head = ReadHead(path, out long length);
        if (LooksLikeText(head))
        {
            return "not a video: the file contains text";
        }

        return DescribeMp4(path, head, length) ?? "not a video OpenCV can open (unknown format or a corrupt header)";
    }

    /// <summary>Why <paramref name="path"/> opened but yielded no frame.</summary>
    public static string WhyNoFrames(string path)
    {
        byte[] head = ReadHead(path, out long length);
        return DescribeMp4(path, head, length) is { } mp4
            ? $"no frame could be decoded: {mp4}"
            : "no frame could be decoded (corrupt video data)";
    }

    /// <summary>
    /// For an MP4/MOV file: which top-level box runs past the end of the file, or that the index ('moov') is
    /// missing; null for other formats or a complete-looking MP4.
    /// </summary>
    public static string? DescribeMp4(string path, ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 8 || !head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        bool sawIndex = false;
        long offset = 0;
        while (offset + 8 <= length)
        {
            file.Position = offset;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (size == 1 && offset + 16 <= length)
            {
                file.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }
            else if (size == 0)
            {
                size = length - offset;
            }

            if (size < 8)
            {
                return $"corrupt MP4: box '{type}' at byte {offset} has an impossible size {size}";
            }

            sawIndex |= type == "moov";
            if (offset + size > length)
            {
                return sawIndex || type == "moov"
                    ? $"truncated: the file ends inside its '{type}' box ({length} of {offset + size} bytes)"
                    : $"truncated: the index ('moov') is missing and the file ends inside its '{type}' box ({length} of {offset + size} bytes)";
            }

            offset += size;
        }

        return sawIndex ? null : "the MP4 index ('moov') is missing (the file was not finished)";
    }

    private static byte[] ReadHead(string path, out long length)
    {
        using var file = File.OpenRead(path);
        length = file.Length;
        var head = new byte[(int)Math.Min(SniffBytes, length)];
        file.ReadExactly(head);
        return head;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (byte b in head)
        {
            bool printable = b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t' or >= 0x80;
            if (!printable)
            {
                return false;
            }
        }

        // Bytes above 0x7F pass as text only if they are UTF-8; the sniffed block may cut a character in two at its end.
        return Utf8.IsValid(head) || (head.Length == SniffBytes && Utf8.IsValid(head[..^3]));
    }
}
