using System.Globalization;
using System.IO.Enumeration;
using LiveClassify.Core.Datasets;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// A frame source as a user types it: a camera index (<c>0</c>) or device (<c>/dev/video0</c>), a video file, a folder,
/// glob (<c>shots/*.jpg</c>) or single image, a stream URL (<c>rtsp://…</c>, <c>http(s)://…</c>), or a generated pattern
/// (<c>synthetic:counter?w=320&amp;h=240&amp;fps=30&amp;frames=100</c>).
/// </summary>
/// <remarks>
/// Parsing checks the syntax only, except that an existing folder is told apart from a file; whether the camera, file
/// or stream is there is found out when the source is opened.
/// </remarks>
public sealed record SourceSpec
{
    /// <summary>Size and rate of a synthetic source when the string does not give them.</summary>
    public const int DefaultSyntheticWidth = 640, DefaultSyntheticHeight = 480;

    /// <inheritdoc cref="DefaultSyntheticWidth"/>
    public const double DefaultSyntheticFps = 30;

    private const int MinSyntheticSide = 16, MaxSyntheticSide = 4096;

    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp"];

    private static readonly Dictionary<string, SyntheticPattern> PatternNames = new(StringComparer.Ordinal)
    {
        ["moving-shapes"] = SyntheticPattern.MovingShapes,
        ["color-bars"] = SyntheticPattern.ColorBars,
        ["counter"] = SyntheticPattern.Counter,
    };

    private SourceSpec(string text, SourceKind kind)
    {
        Text = text;
        Kind = kind;
    }

    /// <summary>The string as the user gave it.</summary>
    public string Text { get; }

    /// <summary>What the string names.</summary>
    public SourceKind Kind { get; }

    /// <summary>The camera's V4L2 index (<see cref="SourceKind.Camera"/>), else -1.</summary>
    public int CameraIndex { get; private init; } = -1;

    /// <summary>
    /// The camera device, the video file, or the folder of an image source (the folder part of a glob, or the folder
    /// holding a single image); null for streams and synthetic sources.
    /// </summary>
    public string? Path { get; private init; }

    /// <summary>For image sources: the file-name pattern (<c>*</c> and <c>?</c>) to match in <see cref="Path"/>, or null for every image.</summary>
    public string? FilePattern { get; private init; }

    /// <summary>The stream address (<see cref="SourceKind.Network"/>).</summary>
    public Uri? Url { get; private init; }

    /// <summary>The pattern of a synthetic source.</summary>
    public SyntheticPattern Pattern { get; private init; }

    /// <summary>Frame width of a synthetic source.</summary>
    public int Width { get; private init; }

    /// <summary>Frame height of a synthetic source.</summary>
    public int Height { get; private init; }

    /// <summary>Frame rate of a synthetic source.</summary>
    public double Fps { get; private init; }

    /// <summary>Number of frames a synthetic source yields before its end, or null for an endless one.</summary>
    public long? FrameLimit { get; private init; }

    /// <summary>Whether frames arrive at the sender's pace (cameras and streams) rather than from storage.</summary>
    public bool IsLive => Kind is SourceKind.Camera or SourceKind.Network;

    /// <summary>A video file, whatever its name looks like: batch labelling takes files, even one named "0".</summary>
    public static SourceSpec VideoFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SourceSpec(path, SourceKind.VideoFile) { Path = path };
    }

    /// <summary>Reads a source string.</summary>
    /// <exception cref="SourceSpecException">The string does not name a source; the message says why.</exception>
    public static SourceSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new SourceSpecException("The source is empty: give a camera index, a video file, an image folder or glob, a stream URL or synthetic:NAME.");
        }

        if (trimmed.StartsWith("synthetic:", StringComparison.Ordinal))
        {
            return ParseSynthetic(trimmed);
        }

        int schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsScheme(trimmed.AsSpan(0, schemeEnd)))
        {
            return ParseUrl(trimmed, trimmed[..schemeEnd]);
        }

        if (trimmed.All(char.IsAsciiDigit))
        {
            return Camera(trimmed, trimmed);
        }

        if (trimmed[0] == '-' && trimmed.Length > 1 && !trimmed.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            throw new SourceSpecException($"Camera index {trimmed} is negative: cameras are numbered from 0.");
        }

        if (trimmed.StartsWith("/dev/", StringComparison.Ordinal))
        {
            const string prefix = "/dev/video";
            return trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length && !trimmed.AsSpan(prefix.Length).ContainsAnyExceptInRange('0', '9')
                ? Camera(trimmed, trimmed[prefix.Length..]) with { Path = trimmed }
                : throw new SourceSpecException($"{trimmed} is not a camera device: cameras are /dev/videoN (or their index N).");
        }

        return ParsePath(trimmed);
    }

    /// <summary>The string as the user gave it.</summary>
    public override string ToString() => Text;

    private static SourceSpec Camera(string text, string digits)
    {
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? new SourceSpec(text, SourceKind.Camera) { CameraIndex = index }
            : throw new SourceSpecException($"Camera index {digits} is too large.");
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (char c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static SourceSpec ParseUrl(string text, string scheme)
    {
        string lower = scheme.ToLowerInvariant();
        if (!NetworkSchemes.Contains(lower))
        {
            throw new SourceSpecException($"{text}: URL scheme '{scheme}' is not supported; streams can be {string.Join(", ", NetworkSchemes)} (files are given as paths).");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Host.Length > 0
            ? new SourceSpec(text, SourceKind.Network) { Url = url }
            : throw new SourceSpecException($"{text}: not a valid {lower} URL (no host?).");
    }

    private static SourceSpec ParsePath(string text)
    {
        string fileName = System.IO.Path.GetFileName(text);
        string folder = System.IO.Path.GetDirectoryName(text) is { Length: > 0 } parent ? parent : ".";
        if (folder.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw new SourceSpecException($"{text}: wildcards are only allowed in the file name, not in the folder part.");
        }

        if (fileName.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return new SourceSpec(text, SourceKind.ImageFolder) { Path = folder, FilePattern = fileName };
        }

        if (Directory.Exists(text))
        {
            return new SourceSpec(text, SourceKind.ImageFolder) { Path = text };
        }

        return ImageFiles.Extensions.Contains(System.IO.Path.GetExtension(fileName))
            ? new SourceSpec(text, SourceKind.ImageFolder) { Path = folder, FilePattern = fileName }
            : new SourceSpec(text, SourceKind.VideoFile) { Path = text };
    }

    /// <summary>Whether an image source's file name matches its pattern (every image when there is no pattern).</summary>
    public bool MatchesFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return FilePattern is null
            ? ImageFiles.IsImage(fileName)
            : FileSystemName.MatchesSimpleExpression(FilePattern, fileName, ignoreCase: false) && !fileName.StartsWith('.');
    }

    private static SourceSpec ParseSynthetic(string text)
    {
        string body = text["synthetic:".Length..];
        int query = body.IndexOf('?', StringComparison.Ordinal);
        string name = query < 0 ? body : body[..query];
        if (!PatternNames.TryGetValue(name, out var pattern))
        {
            throw new SourceSpecException($"{text}: unknown synthetic pattern '{name}'; known patterns: {string.Join(", ", PatternNames.Keys)}.");
        }

        int width = DefaultSyntheticWidth, height = DefaultSyntheticHeight;
        double fps = DefaultSyntheticFps;
        long? frames = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pair in query < 0 ? [] : body[(query + 1)..].Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? "" : pair[(equals + 1)..];
            if (!seen.Add(key))
            {
                throw new SourceSpecException($"{text}: '{key}' is given twice.");
            }

            switch (key)
            {
                case "w":
                    width = ParseInt(text, key, value, MinSyntheticSide, MaxSyntheticSide);
                    break;
                case "h":
                    height = ParseInt(text, key, value, MinSyntheticSide, MaxSyntheticSide);
                    break;
                case "fps":
                    fps = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0 && f <= 1000
                        ? f
                        : throw new SourceSpecException($"{text}: fps='{value}' must be a number above 0 and at most 1000.");
                    break;
                case "frames":
                    frames = ParseInt(text, key, value, 1, int.MaxValue);
                    break;
                default:
                    throw new SourceSpecException($"{text}: unknown option '{key}'; synthetic sources take w, h, fps and frames.");
            }
        }

        return new SourceSpec(text, SourceKind.Synthetic) { Pattern = pattern, Width = width, Height = height, Fps = fps, FrameLimit = frames };
    }

    private static int ParseInt(string text, string key, string value, int min, int max)
    {
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new SourceSpecException($"{text}: {key}='{value}' must be a whole number from {min} to {max}.");
    }
}
