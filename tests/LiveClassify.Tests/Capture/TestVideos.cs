using System.Diagnostics;

namespace LiveClassify.Tests.Capture;

/// <summary>Small test videos made with Debian's ffmpeg at test time; tests that need one skip when ffmpeg is absent.</summary>
internal static class TestVideos
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), "liveclassify-tests", "videos-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    });

    private static readonly Lock Gate = new();

    /// <summary>The ffmpeg command, or null when it is not installed.</summary>
    public static string? Ffmpeg { get; } = FindOnPath("ffmpeg");

    /// <summary>60 frames (2 s at 30 fps) of ffmpeg's testsrc2, 160x120, H.264, index ('moov') at the front.</summary>
    public static string IndexAtFront => Make("front.mp4", "-f lavfi -i testsrc2=size=160x120:rate=30 -t 2 -c:v libx264 -pix_fmt yuv420p -movflags +faststart");

    /// <summary>The same clip with its index at the end, as ffmpeg writes by default.</summary>
    public static string IndexAtEnd => Make("end.mp4", "-f lavfi -i testsrc2=size=160x120:rate=30 -t 2 -c:v libx264 -pix_fmt yuv420p");

    /// <summary>Skips the calling test when ffmpeg is missing.</summary>
    public static void RequireFfmpeg()
    {
        if (Ffmpeg is null)
        {
            Assert.Skip("ffmpeg is not installed (apt-get install ffmpeg)");
        }
    }

    /// <summary>Makes (once per test run) a video named <paramref name="name"/> with the given ffmpeg input and output options.</summary>
    public static string Make(string name, string arguments)
    {
        RequireFfmpeg();
        string path = Path.Combine(Folder.Value, name);
        lock (Gate)
        {
            if (!File.Exists(path))
            {
                string partial = Path.Combine(Folder.Value, "partial-" + name);
                Run($"-v error -y {arguments} {partial}");
                File.Move(partial, path);
            }
        }

        return path;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> cut to <paramref name="fraction"/> of its bytes.</summary>
    public static void Truncate(string source, string target, double fraction)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray());
    }

    /// <summary>Starts ffmpeg with the given arguments; the caller owns the process.</summary>
    public static Process Start(string arguments)
    {
        RequireFfmpeg();
        var start = new ProcessStartInfo(Ffmpeg!, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        return Process.Start(start)!;
    }

    private static void Run(string arguments)
    {
        using var process = Start(arguments);
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} failed: {errors}");
        }
    }

    private static string? FindOnPath(string command)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
