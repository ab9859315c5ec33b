using LiveClassify.Capture.Sources;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class SourceSpecTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData("/dev/video0", 0)]
    [InlineData("/dev/video12", 12)]
    public void Camera_index_or_device_names_a_camera(string text, int index)
    {
        var spec = SourceSpec.Parse(text);

        Assert.Equal(SourceKind.Camera, spec.Kind);
        Assert.Equal(index, spec.CameraIndex);
        Assert.True(spec.IsLive);
    }

    [Fact]
    public void Device_path_is_kept_for_error_messages()
    {
        Assert.Equal("/dev/video2", SourceSpec.Parse("/dev/video2").Path);
        Assert.Null(SourceSpec.Parse("2").Path);
    }

    [Theory]
    [InlineData("clip.mp4")]
    [InlineData("/data/videos/run 1.mkv")]
    [InlineData("no-extension")]
    public void Other_paths_name_a_video_file(string text)
    {
        var spec = SourceSpec.Parse(text);

        Assert.Equal(SourceKind.VideoFile, spec.Kind);
        Assert.Equal(text, spec.Path);
        Assert.False(spec.IsLive);
    }

    [Fact]
    public void An_existing_folder_names_an_image_folder()
    {
        using var folder = new TempFolder();

        var spec = SourceSpec.Parse(folder.Path);

        Assert.Equal(SourceKind.ImageFolder, spec.Kind);
        Assert.Equal(folder.Path, spec.Path);
        Assert.Null(spec.FilePattern);
        Assert.True(spec.MatchesFile("a.png"));
        Assert.False(spec.MatchesFile("notes.txt"));
        Assert.False(spec.MatchesFile(".a.png"));
    }

    [Fact]
    public void A_glob_names_an_image_folder_with_a_file_pattern()
    {
        var spec = SourceSpec.Parse("shots/day1/*.jpg");

        Assert.Equal(SourceKind.ImageFolder, spec.Kind);
        Assert.Equal("shots/day1", spec.Path);
        Assert.Equal("*.jpg", spec.FilePattern);
        Assert.True(spec.MatchesFile("0001.jpg"));
        Assert.False(spec.MatchesFile("0001.png"));
    }

    [Fact]
    public void A_glob_without_folder_looks_in_the_current_folder()
    {
        var spec = SourceSpec.Parse("frame_??.png");

        Assert.Equal(".", spec.Path);
        Assert.True(spec.MatchesFile("frame_07.png"));
        Assert.False(spec.MatchesFile("frame_107.png"));
    }

    [Fact]
    public void A_single_image_is_an_image_source_of_one_file()
    {
        var spec = SourceSpec.Parse("photos/cat.JPG");

        Assert.Equal(SourceKind.ImageFolder, spec.Kind);
        Assert.Equal("photos", spec.Path);
        Assert.True(spec.MatchesFile("cat.JPG"));
        Assert.False(spec.MatchesFile("dog.JPG"));
    }

    [Theory]
    [InlineData("rtsp://192.168.1.20:554/stream1")]
    [InlineData("http://127.0.0.1:8080/live.ts")]
    [InlineData("HTTPS://example.com/a.m3u8")]
    [InlineData("udp://239.0.0.1:1234")]
    public void Stream_urls_name_a_network_source(string text)
    {
        var spec = SourceSpec.Parse(text);

        Assert.Equal(SourceKind.Network, spec.Kind);
        Assert.Equal(new Uri(text), spec.Url);
        Assert.True(spec.IsLive);
    }

    [Theory]
    [InlineData("synthetic:moving-shapes", SyntheticPattern.MovingShapes)]
    [InlineData("synthetic:color-bars", SyntheticPattern.ColorBars)]
    [InlineData("synthetic:counter", SyntheticPattern.Counter)]
    public void Synthetic_patterns_default_to_640x480_at_30_fps_without_end(string text, SyntheticPattern pattern)
    {
        var spec = SourceSpec.Parse(text);

        Assert.Equal(SourceKind.Synthetic, spec.Kind);
        Assert.Equal(pattern, spec.Pattern);
        Assert.Equal((640, 480, 30.0), (spec.Width, spec.Height, spec.Fps));
        Assert.Null(spec.FrameLimit);
        Assert.False(spec.IsLive);
    }

    [Fact]
    public void Synthetic_options_set_size_rate_and_length()
    {
        var spec = SourceSpec.Parse("synthetic:counter?w=320&h=240&fps=12.5&frames=100");

        Assert.Equal((320, 240, 12.5, 100L), (spec.Width, spec.Height, spec.Fps, spec.FrameLimit));
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored_but_the_text_is_kept()
    {
        var spec = SourceSpec.Parse("  0 ");

        Assert.Equal(SourceKind.Camera, spec.Kind);
        Assert.Equal("0", spec.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("-1", "negative")]
    [InlineData("99999999999", "too large")]
    [InlineData("/dev/sda", "not a camera device")]
    [InlineData("/dev/videoX", "not a camera device")]
    [InlineData("ftp://host/clip.mp4", "scheme 'ftp' is not supported")]
    [InlineData("file:///tmp/clip.mp4", "scheme 'file' is not supported")]
    [InlineData("rtsp://", "not a valid rtsp URL")]
    [InlineData("shots/*/a.jpg", "only allowed in the file name")]
    [InlineData("synthetic:plasma", "unknown synthetic pattern 'plasma'; known patterns: moving-shapes, color-bars, counter")]
    [InlineData("synthetic:counter?w=8", "w='8' must be a whole number from 16 to 4096")]
    [InlineData("synthetic:counter?h=abc", "h='abc' must be a whole number")]
    [InlineData("synthetic:counter?fps=0", "fps='0' must be a number above 0")]
    [InlineData("synthetic:counter?frames=0", "frames='0' must be a whole number from 1")]
    [InlineData("synthetic:counter?w=64&w=32", "'w' is given twice")]
    [InlineData("synthetic:counter?speed=2", "unknown option 'speed'")]
    public void Bad_strings_are_refused_with_a_message_saying_why(string text, string expected)
    {
        var error = Assert.Throws<SourceSpecException>(() => SourceSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
