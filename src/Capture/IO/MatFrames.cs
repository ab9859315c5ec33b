using LiveClassify.Core.Frames;
using OpenCvSharp;

namespace LiveClassify.Capture.IO;

/// <summary>Moves pixels between OpenCV Mats and pooled <see cref="FrameBuffer"/>s.</summary>
internal static class MatFrames
{
    /// <summary>
    /// Copies an 8-bit image of 1, 3 or 4 channels into a frame rented from <paramref name="pool"/> as packed BGR.
    /// </summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="pool">Where the frame is rented from.</param>
    /// <param name="conversion">A Mat kept by the caller for colour conversion, so that a grey or BGRA source
    /// allocates nothing per frame after the first.</param>
    public static FrameBuffer ToFrame(Mat image, FramePool pool, Mat conversion)
    {
        var bgr = ToBgr(image, conversion);
        var frame = pool.Rent(bgr.Width, bgr.Height);
        frame.CopyFrom(bgr.Data, bgr.Width, bgr.Height, bgr.Step());
        return frame;
    }

    /// <summary>Copies a packed BGR frame into <paramref name="target"/>, (re)allocating it only when the size changes.</summary>
    public static void CopyInto(FrameBuffer frame, Mat target)
    {
        target.Create(frame.Height, frame.Width, MatType.CV_8UC3);
        unsafe
        {
            var destination = new Span<byte>((void*)target.Data, checked((int)(target.Step() * frame.Height)));
            int rowBytes = frame.Stride;
            long step = target.Step();
            var pixels = frame.Pixels;
            for (int y = 0; y < frame.Height; y++)
            {
                pixels.Slice(y * rowBytes, rowBytes).CopyTo(destination.Slice((int)(y * step), rowBytes));
            }
        }
    }

    private static Mat ToBgr(Mat image, Mat conversion)
    {
        if (image.Depth() != MatType.CV_8U)
        {
            throw new NotSupportedException($"Only 8-bit images are read; this one has depth {image.Depth()}.");
        }

        switch (image.Channels())
        {
            case 3:
                return image;
            case 1:
                Cv2.CvtColor(image, conversion, ColorConversionCodes.GRAY2BGR);
                return conversion;
            case 4:
                Cv2.CvtColor(image, conversion, ColorConversionCodes.BGRA2BGR);
                return conversion;
            default:
                throw new NotSupportedException($"Images with {image.Channels()} channels are not read.");
        }
    }
}
