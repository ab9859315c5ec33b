using System.Diagnostics;
using System.Globalization;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>
/// The clip <c>bench</c> decodes when no <c>--source</c> is given: 640x480 H.264 at 30 fps, made by Debian's
/// <c>ffmpeg</c> from its moving test pattern, so the decode figure is the same workload on every machine.
/// </summary>
public static class BenchClip
{
    /// <summary>Writes the clip to <paramref name="path"/>.</summary>
    /// <exception cref="IOException">ffmpeg is missing or failed; the message says which.</exception>
    public static void Create(string path, int width = 640, int height = 480, int seconds = 20)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-v", "error", "-y", "-f", "lavfi", "-i",
                     string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={width}x{height}:rate=30:duration={seconds}"),
                     "-c:v", "libx264", "-preset", "fast", "-pix_fmt", "yuv420p", path])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var ffmpeg = Process.Start(start) ?? throw new IOException("ffmpeg did not start.");
            string errors = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            if (ffmpeg.ExitCode != 0)
            {
                throw new IOException($"ffmpeg could not make the benchmark clip: {errors.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException("ffmpeg is not installed (apt-get install ffmpeg), or pass --source FILE.", e);
        }
    }
}
