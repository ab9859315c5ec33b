using System.Globalization;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Labels;
using OpenCvSharp;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Draws the labelling result onto a frame for <c>label --annotate</c>: the smoothed label with its score on a dark
/// band at the top, and the frame's own top-k as bars beneath it.
/// </summary>
/// <remarks>
/// Draws in place on the frame's pixels (after classification, so the model never sees the drawing). OpenCV's
/// Hershey font is enough for a review video; the live overlay has its own anti-aliased text.
/// </remarks>
public sealed class FrameAnnotator
{
    private static readonly Scalar Band = new(24, 24, 24);
    private static readonly Scalar Text = new(255, 255, 255);
    private static readonly Scalar Bar = new(80, 200, 80);
    private readonly LabelMap _labels;

    /// <summary>Creates an annotator that names classes with <paramref name="labels"/>.</summary>
    public FrameAnnotator(LabelMap labels) => _labels = labels ?? throw new ArgumentNullException(nameof(labels));

    /// <summary>Draws onto <paramref name="frame"/>.</summary>
    public void Draw(FrameBuffer frame, int smoothedClass, float smoothedScore, ReadOnlySpan<int> ranked, ReadOnlySpan<float> scores)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var image = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, frame.Pointer);
        double scale = Math.Max(0.5, frame.Height / 720.0);
        int line = (int)(28 * scale);
        int rows = 1 + ranked.Length;
        Cv2.Rectangle(image, new Rect(0, 0, Math.Min(frame.Width, (int)(420 * scale)), (line * rows) + (line / 2)), Band, -1);
        string headline = string.Create(CultureInfo.InvariantCulture, $"{_labels[smoothedClass]}  {smoothedScore:0.00}");
        Cv2.PutText(image, headline, new Point(8, line), HersheyFonts.HersheySimplex, 0.8 * scale, Text, Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        for (int i = 0; i < ranked.Length; i++)
        {
            int y = line * (i + 2);
            int width = (int)(200 * scale * Math.Clamp(scores[ranked[i]], 0f, 1f));
            Cv2.Rectangle(image, new Rect(8, y - (line * 2 / 3), Math.Max(1, width), line / 2), Bar, -1);
            Cv2.PutText(image, _labels[ranked[i]], new Point(8 + (int)(210 * scale), y - (line / 6)), HersheyFonts.HersheySimplex,
                0.5 * scale, Text, 1, LineTypes.AntiAlias);
        }
    }
}
