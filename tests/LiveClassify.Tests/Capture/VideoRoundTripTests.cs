using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveClassify.Tests.Support;
using OpenCvSharp;

namespace LiveClassify.Tests.Capture;

/// <summary>
/// OpenCV's FFMPEG video I/O on this machine: frames with a known pattern go into an MP4 file (written by OpenCV as
/// MPEG-4 Part 2, or by the ffmpeg command as H.264) and the same frames, in the same order, come back within the
/// codec's loss.
/// </summary>
public sealed class VideoRoundTripTests
{
    private const int Width = 160;
    private const int Height = 128;
    private const int FrameCount = 12;
    private const int Cells = 4;

    /// <summary>Mean absolute difference per channel value allowed between a frame written and read back.</summary>
    private const double CodecTolerance = 6;

    [Fact]
    public void Frames_written_as_mp4v_read_back_in_order_within_codec_loss()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("pattern.mp4");
        Mat[] written = [.. Enumerable.Range(0, FrameCount).Select(Pattern)];
        try
        {
            // H.264 ('avc1') cannot be written here: the FFmpeg inside OpenCvSharp's official runtime has no software
            // H.264 encoder (it tries h264_v4l2m2m, a hardware encoder, and fails), so files are written as MPEG-4 Part 2.
            using (var writer = new VideoWriter(path, VideoCaptureAPIs.FFMPEG, FourCC.FromString("mp4v"), 10, new Size(Width, Height)))
            {
                Assert.True(writer.IsOpened(), $"OpenCV's FFMPEG backend did not open an mp4v writer for {path}.");
                foreach (var frame in written)
                {
                    writer.Write(frame);
                }
            }

            AssertReadsBack(path, written, "mp4v", "fmp4");
        }
        finally
        {
            DisposeAll(written);
        }
    }

    [Fact]
    public async Task An_h264_clip_made_by_ffmpeg_reads_back_in_order_within_codec_loss()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("pattern-h264.mp4");
        Mat[] written = [.. Enumerable.Range(0, FrameCount).Select(Pattern)];
        try
        {
            await EncodeH264Async(path, written);
            AssertReadsBack(path, written, "avc1", "h264");
        }
        finally
        {
            DisposeAll(written);
        }
    }

    /// <summary>Reads <paramref name="path"/> and checks codec, frame count, order and loss; FFmpeg reports a codec by
    /// one of several tags (MPEG-4 Part 2 as FMP4), hence <paramref name="codecTags"/>.</summary>
    private static void AssertReadsBack(string path, Mat[] written, params string[] codecTags)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        Assert.True(capture.IsOpened(), $"OpenCV did not open {path} for reading.");
        Assert.Contains(capture.FourCC.Trim('\0').ToLowerInvariant(), codecTags);
        using var read = new Mat();
        int index = 0;
        while (capture.Read(read) && !read.Empty())
        {
            Assert.True(index < written.Length, $"{path} has more than the {written.Length} frames written.");
            Assert.Equal(new Size(Width, Height), read.Size());
            double[] distances = [.. written.Select(w => MeanAbsoluteDifference(w, read))];
            Assert.True(distances[index] <= CodecTolerance, $"frame {index} of {path} differs by {distances[index]:f2} on average.");
            // The patterns are far apart (17 levels per cell at least), so the nearest original names the frame.
            Assert.Equal(index, Array.IndexOf(distances, distances.Min()));
            index++;
        }

        Assert.Equal(written.Length, index);
    }

    /// <summary>Debian's ffmpeg command (libx264) encodes the raw BGR frames from its standard input.</summary>
    private static async Task EncodeH264Async(string path, Mat[] frames)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[
            "-v", "error", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{Width}x{Height}", "-r", "10", "-i", "pipe:0",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "15", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = ffmpeg.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var pixels = new byte[Width * Height * 3];
        foreach (var frame in frames)
        {
            Marshal.Copy(frame.Data, pixels, 0, pixels.Length);
            await ffmpeg.StandardInput.BaseStream.WriteAsync(pixels, TestContext.Current.CancellationToken);
        }

        ffmpeg.StandardInput.Close();
        await ffmpeg.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg failed to encode {path}: {await errors}");
    }

    private static void DisposeAll(Mat[] frames)
    {
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    /// <summary>A grid of flat coloured cells whose colours depend on the frame index: easy on any codec, and no two
    /// frames alike.</summary>
    private static Mat Pattern(int index)
    {
        var frame = new Mat(Height, Width, MatType.CV_8UC3);
        int cellWidth = Width / Cells;
        int cellHeight = Height / Cells;
        for (int cell = 0; cell < Cells * Cells; cell++)
        {
            var colour = new Scalar(Level(index, cell, 0), Level(index, cell, 1), Level(index, cell, 2));
            var rect = new Rect(cell % Cells * cellWidth, cell / Cells * cellHeight, cellWidth, cellHeight);
            Cv2.Rectangle(frame, rect, colour, thickness: -1);
        }

        return frame;
    }

    // 17 per frame: for frames up to 11 apart no two cells' values come within 17 levels of each other (mod 224).
    private static int Level(int index, int cell, int channel) => 16 + ((17 * index) + (53 * cell) + (80 * channel)) % 224;

    private static double MeanAbsoluteDifference(Mat a, Mat b)
    {
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        var mean = Cv2.Mean(difference);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }
}
