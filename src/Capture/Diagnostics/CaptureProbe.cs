using System.Runtime.CompilerServices;
using LiveClassify.Core.Diagnostics;
using OpenCvSharp;

namespace LiveClassify.Capture.Diagnostics;

/// <summary>What OpenCV can read and write on this machine: its version, video I/O backends and cameras.</summary>
public static class CaptureProbe
{
    /// <summary>The stack's name in reports.</summary>
    public const string Name = "OpenCV";

    /// <summary>
    /// Loads OpenCV's native library and reports its version, the video I/O backends it was built with (FFMPEG for
    /// files, V4L2 for cameras, GStreamer) and the camera devices present. Never throws: a library that does not
    /// load is a report that is not working.
    /// </summary>
    public static StackReport Run()
    {
        try
        {
            return Probe();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
            or BadImageFormatException or FileNotFoundException or OpenCVException)
        {
            return NativeLoadFailure.Report(Name, required: true, e);
        }
    }

    // Not inlined, so that a failure to load OpenCvSharp itself surfaces inside Run's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StackReport Probe()
    {
        string version = Cv2.GetVersionString() ?? "unknown";
        var backends = VideoIoBackends(Cv2.GetBuildInformation());
        string[] cameras = Directory.Exists("/dev")
            ? [.. Directory.EnumerateFileSystemEntries("/dev", "video*").Order(StringComparer.Ordinal)]
            : [];

        var facts = new List<KeyValuePair<string, string>>
        {
            new("version", version),
            new("FFMPEG (video files)", YesNo(backends, "FFMPEG")),
            new("V4L2 (cameras)", YesNo(backends, "v4l/v4l2")),
            new("GStreamer", YesNo(backends, "GStreamer")),
            new("cameras", cameras.Length > 0 ? string.Join(", ", cameras) : "none (no /dev/video*): use a video file or synthetic: source"),
        };
        return new StackReport(Name, Required: true, Working: true, facts);
    }

    private static string YesNo(Dictionary<string, string> backends, string name) =>
        backends.TryGetValue(name, out string? value) ? value : "not built in";

    /// <summary>
    /// The entries of the "Video I/O:" section of OpenCV's build information, for example "FFMPEG" → "YES", each
    /// with the value's first word lower-cased ("yes", "no") followed by any detail in parentheses.
    /// </summary>
    private static Dictionary<string, string> VideoIoBackends(string buildInformation)
    {
        var backends = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] lines = buildInformation.Split('\n');
        int section = Array.FindIndex(lines, l => l.Trim() == "Video I/O:");
        if (section < 0)
        {
            return backends;
        }

        int sectionIndent = Indent(lines[section]);
        int entryIndent = -1;
        for (int i = section + 1; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            int indent = Indent(lines[i]);
            if (indent <= sectionIndent)
            {
                break;
            }

            // Deeper lines (codec versions under FFMPEG) belong to the entry above them.
            entryIndent = entryIndent < 0 ? indent : entryIndent;
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (indent == entryIndent && colon > 0)
            {
                string value = lines[i][(colon + 1)..].Trim();
                int space = value.IndexOf(' ', StringComparison.Ordinal);
                backends[lines[i][..colon].Trim()] = space < 0
                    ? value.ToLowerInvariant()
                    : value[..space].ToLowerInvariant() + value[space..];
            }
        }

        return backends;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
