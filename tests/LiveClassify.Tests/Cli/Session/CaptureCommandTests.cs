using System.Diagnostics;
using LiveClassify.Capture.IO;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>`liveclassify capture`: headless capture of a video into a class folder.</summary>
public sealed class CaptureCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _video;

    public CaptureCommandTests()
    {
        _video = ColourVideo.Write(_folder.Combine("red.mp4"), [ColourVideo.Red], 20);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Capture_saves_count_frames_into_the_label_folder()
    {
        var (exit, output, error) = CliRunner.Run("capture", "--source", _video, "--dataset", _folder.Combine("data"), "--label", "red", "--count", "7");

        Assert.True(exit == 0, error);
        string[] files = Directory.GetFiles(_folder.Combine("data", "red"));
        Assert.Equal(7, files.Length);
        Assert.Contains("7 images", output, StringComparison.Ordinal);
        var pool = new FramePool();
        var image = ImageCodec.ReadImage(files[0], pool);
        Assert.True(image.Pixels[2] > 200, "the saved frame is the red frame at full resolution");
        Assert.Equal((64, 48), (image.Width, image.Height));
        image.Release();
    }

    [Fact]
    public void Interval_keeps_one_frame_per_interval_of_stream_time()
    {
        // 20 frames at 15 fps are 1.33 s of video: one frame per 0.5 s keeps those at 0, 0.53 and 1.07 s.
        var (exit, _, error) = CliRunner.Run("capture", "--source", _video, "--dataset", _folder.Combine("data"), "--label", "red", "--interval", "0.5");

        Assert.True(exit == 0, error);
        Assert.Equal(3, Directory.GetFiles(_folder.Combine("data", "red")).Length);
    }

    [Fact]
    public async Task Two_captures_into_one_folder_never_overwrite_each_other()
    {
        string[] args = ["capture", "--source", _video, "--dataset", _folder.Combine("data"), "--label", "red"];

        var first = Task.Run(() => CliRunner.Run(args), TestContext.Current.CancellationToken);
        var second = Task.Run(() => CliRunner.Run(args), TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(first, second);
        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        Assert.Equal(40, Directory.GetFiles(_folder.Combine("data", "red")).Length);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("..", "parent")]
    [InlineData("a/b", "path separator")]
    [InlineData("..\\x", "path separator")]
    [InlineData("a\0b", "NUL")]
    [InlineData("a\tb", "control character")]
    [InlineData("_review", "reserves")]
    public void Bad_labels_are_refused_with_one_line_before_anything_is_written(string label, string reason)
    {
        var (exit, _, error) = CliRunner.Run("capture", "--source", _video, "--dataset", _folder.Combine("data"), "--label", label);

        Assert.Equal(1, exit);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(_folder.Combine("data")), "nothing was created");
    }

    [Fact]
    public void A_label_longer_than_the_limit_is_refused()
    {
        var (exit, _, error) = CliRunner.Run("capture", "--source", _video, "--dataset", _folder.Combine("data"), "--label", new string('x', DatasetLabel.MaxLength + 1));

        Assert.Equal(1, exit);
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_disk_stops_capture_with_a_message_and_every_written_image_is_whole()
    {
        string disk = _folder.Combine("small-disk");
        Directory.CreateDirectory(disk);
        Assert.SkipUnless(Mount(disk), "Mounting a small tmpfs needs root.");
        try
        {
            string noisy = NoisyVideo.Write(_folder.Combine("noise.mp4"), 60);
            var (exit, _, error) = CliRunner.Run("capture", "--source", noisy, "--dataset", disk, "--label", "noise");

            Assert.Equal(1, exit);
            Assert.Contains("disk full", error, StringComparison.Ordinal);
            string[] files = Directory.GetFiles(Path.Combine(disk, "noise"), "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            Assert.InRange(files.Length, 1, 59);
            var pool = new FramePool();
            foreach (string file in files)
            {
                Assert.False(AtomicFile.IsTemporary(file), $"{file} is a leftover temporary file");
                var image = ImageCodec.ReadImage(file, pool);
                image.Release();
            }
        }
        finally
        {
            Process.Start("umount", disk).WaitForExit();
        }
    }

    private static bool Mount(string folder)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }

        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", folder]) { RedirectStandardError = true })!;
        mount.WaitForExit();
        return mount.ExitCode == 0;
    }
}
