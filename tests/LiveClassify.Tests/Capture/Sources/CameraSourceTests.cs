using LiveClassify.Capture;
using LiveClassify.Capture.Sources;

namespace LiveClassify.Tests.Capture.Sources;

public sealed class CameraSourceTests
{
    [Fact]
    public void A_missing_camera_is_named_by_its_device()
    {
        int index = Enumerable.Range(0, 64).First(i => !File.Exists($"/dev/video{i}"));

        var error = Assert.Throws<CaptureException>(() => FrameSources.Open(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal($"no camera at /dev/video{index} (source '{index}')", error.Message);
    }
}
