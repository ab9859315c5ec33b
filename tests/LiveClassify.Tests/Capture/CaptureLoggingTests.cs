using System.Runtime.InteropServices;
using LiveClassify.Capture;
using OpenCvSharp;

namespace LiveClassify.Tests.Capture;

public sealed partial class CaptureLoggingTests
{
    [Fact]
    public void Quiet_silences_opencv_and_sets_ffmpegs_level_where_native_code_reads_it()
    {
        CaptureLogging.Quiet();

        Assert.Equal(LogLevel.SILENT, Cv2.GetLogLevel());
        Assert.Equal("-8", Marshal.PtrToStringUTF8(GetEnvironment("OPENCV_FFMPEG_LOGLEVEL")));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnvironment(string name);
}
