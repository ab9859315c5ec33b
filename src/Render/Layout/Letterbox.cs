namespace LiveClassify.Render.Layout;

/// <summary>Fits content into a target without distorting it: scaled as large as fits, centred, bars on two sides.</summary>
public static class Letterbox
{
    /// <summary>
    /// The rectangle of a <paramref name="contentWidth"/>×<paramref name="contentHeight"/> image scaled to fit a
    /// <paramref name="targetWidth"/>×<paramref name="targetHeight"/> target with its aspect ratio kept and centred.
    /// Empty when the target has no area (a minimised window).
    /// </summary>
    public static PixelRect Fit(int contentWidth, int contentHeight, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contentWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contentHeight);
        if (targetWidth <= 0 || targetHeight <= 0)
        {
            return default;
        }

        // Compare cross products instead of dividing so the side that limits the scale is chosen exactly.
        long widthLimited = (long)targetWidth * contentHeight;
        long heightLimited = (long)targetHeight * contentWidth;
        int width;
        int height;
        if (widthLimited <= heightLimited)
        {
            width = targetWidth;
            height = (int)Math.Clamp(Math.Round((double)widthLimited / contentWidth), 1, targetHeight);
        }
        else
        {
            height = targetHeight;
            width = (int)Math.Clamp(Math.Round((double)heightLimited / contentHeight), 1, targetWidth);
        }

        return new PixelRect((targetWidth - width) / 2, (targetHeight - height) / 2, width, height);
    }
}
