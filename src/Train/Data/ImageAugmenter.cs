using OpenCvSharp;

namespace LiveClassify.Train.Data;

/// <summary>Applies drawn <see cref="AugmentationParameters"/> to decoded BGR images.</summary>
internal static class ImageAugmenter
{
    /// <summary>
    /// Flip, then one affine warp (rotation and zoom about the centre, then shift). Returns a new Mat owned by the
    /// caller, or null when the parameters leave the geometry unchanged.
    /// </summary>
    public static Mat? ApplyGeometry(Mat image, AugmentationParameters parameters)
    {
        if (!parameters.Flip && !parameters.IsGeometric)
        {
            return null;
        }

        var output = new Mat();
        try
        {
            if (parameters.Flip)
            {
                Cv2.Flip(image, output, FlipMode.Y);
            }
            else
            {
                image.CopyTo(output);
            }

            if (parameters.IsGeometric)
            {
                var center = new Point2f((image.Cols - 1) / 2f, (image.Rows - 1) / 2f);
                using var matrix = Cv2.GetRotationMatrix2D(center, parameters.AngleDegrees, parameters.Scale);
                matrix.At<double>(0, 2) += parameters.ShiftX * image.Cols;
                matrix.At<double>(1, 2) += parameters.ShiftY * image.Rows;
                // Reflection fills the uncovered corners with image content rather than a colour the model could learn.
                using var source = output.Clone();
                Cv2.WarpAffine(source, output, matrix, image.Size(), InterpolationFlags.Linear, BorderTypes.Reflect101);
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Brightness, contrast and saturation jitter in place on packed BGR bytes.</summary>
    public static void ApplyColor(Span<byte> bgr, AugmentationParameters parameters)
    {
        if (!parameters.IsColor)
        {
            return;
        }

        double greySum = 0;
        for (int i = 0; i + 2 < bgr.Length; i += 3)
        {
            greySum += Grey(bgr[i], bgr[i + 1], bgr[i + 2]);
        }

        float brightness = parameters.Brightness;
        float meanGrey = (float)(greySum / Math.Max(1, bgr.Length / 3)) * brightness;
        float contrast = parameters.Contrast;
        float saturation = parameters.Saturation;
        for (int i = 0; i + 2 < bgr.Length; i += 3)
        {
            float b = bgr[i] * brightness;
            float g = bgr[i + 1] * brightness;
            float r = bgr[i + 2] * brightness;
            float grey = Grey(b, g, r);
            // Saturation moves each pixel away from its own grey; contrast moves everything away from the image mean.
            b = ((grey + ((b - grey) * saturation) - meanGrey) * contrast) + meanGrey;
            g = ((grey + ((g - grey) * saturation) - meanGrey) * contrast) + meanGrey;
            r = ((grey + ((r - grey) * saturation) - meanGrey) * contrast) + meanGrey;
            bgr[i] = ToByte(b);
            bgr[i + 1] = ToByte(g);
            bgr[i + 2] = ToByte(r);
        }
    }

    private static float Grey(float b, float g, float r) => (0.114f * b) + (0.587f * g) + (0.299f * r);

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
}
