using LiveClassify.Render.Layout;

namespace LiveClassify.Tests.Render.Layout;

public sealed class LetterboxTests
{
    [Theory]
    [InlineData(1280, 720, 1280, 720, 0, 0, 1280, 720)]
    [InlineData(640, 480, 1280, 720, 160, 0, 960, 720)]
    [InlineData(1280, 720, 640, 480, 0, 60, 640, 360)]
    [InlineData(160, 90, 400, 200, 22, 0, 356, 200)]
    [InlineData(100, 100, 301, 100, 100, 0, 100, 100)]
    [InlineData(4000, 10, 100, 100, 0, 49, 100, 1)]
    public void Content_is_scaled_to_fit_and_centred(int cw, int ch, int tw, int th, int x, int y, int w, int h)
    {
        Assert.Equal(new PixelRect(x, y, w, h), Letterbox.Fit(cw, ch, tw, th));
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(640, 480)]
    [InlineData(333, 777)]
    public void The_aspect_ratio_is_kept_within_one_pixel_for_any_target(int contentWidth, int contentHeight)
    {
        var random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            int targetWidth = random.Next(1, 4000);
            int targetHeight = random.Next(1, 4000);

            var area = Letterbox.Fit(contentWidth, contentHeight, targetWidth, targetHeight);

            Assert.True(area.Width == targetWidth || area.Height == targetHeight, $"{area} in {targetWidth}x{targetHeight}");
            Assert.True(area.X >= 0 && area.Y >= 0 && area.Right <= targetWidth && area.Bottom <= targetHeight);
            Assert.InRange(Math.Abs(targetWidth - area.Right - area.X), 0, 1);
            Assert.InRange(Math.Abs(targetHeight - area.Bottom - area.Y), 0, 1);
            double expectedHeight = (double)area.Width * contentHeight / contentWidth;
            double expectedWidth = (double)area.Height * contentWidth / contentHeight;
            Assert.True(Math.Abs(area.Height - expectedHeight) <= 1 || Math.Abs(area.Width - expectedWidth) <= 1, $"{area} for {contentWidth}x{contentHeight}");
        }
    }

    [Fact]
    public void A_target_without_area_gives_an_empty_rectangle()
    {
        Assert.True(Letterbox.Fit(640, 480, 0, 0).IsEmpty);
        Assert.True(Letterbox.Fit(640, 480, 100, 0).IsEmpty);
    }
}
