using System.Runtime.InteropServices;
using OpenCvSharp;

namespace LiveClassify.Capture;

/// <summary>Controls what OpenCV and its bundled FFmpeg print on stderr.</summary>
public static partial class CaptureLogging
{
    /// <summary>FFmpeg's AV_LOG_QUIET.</summary>
    private const string FfmpegQuiet = "-8";

    /// <summary>
    /// Silences OpenCV's warnings ("[ WARN:0@…] … can't open camera by index") and FFmpeg's decoder messages
    /// ("[h264 @ …] Invalid NAL unit size") so that a command line shows only its own one-line errors, which say the
    /// same in words a user can act on.
    /// </summary>
    /// <remarks>
    /// Call once at start-up, before the first video is opened: OpenCV reads <c>OPENCV_FFMPEG_LOGLEVEL</c> when its
    /// FFmpeg backend first starts. The variable is set in the native environment, where OpenCV looks, not only in
    /// .NET's copy of it.
    /// </remarks>
    public static void Quiet()
    {
        if (SetEnvironment("OPENCV_FFMPEG_LOGLEVEL", FfmpegQuiet, 1) != 0)
        {
            throw new InvalidOperationException($"setenv failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        Cv2.SetLogLevel(LogLevel.SILENT);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
