using System.Globalization;
using LiveClassify.Train.Data;
using LiveClassify.Train.Training;
using OpenCvSharp;
using SkiaSharp;

namespace LiveClassify.Train.Reports;

/// <summary>
/// A PNG grid of the worst misclassified validation images (those the model was most sure of while wrong), each with
/// its true class and the model's top three.
/// </summary>
public static class MisclassifiedGallery
{
    private const int Cell = 160;
    private const int Caption = 74;
    private const int Columns = 4;

    /// <summary>
    /// Writes the gallery of at most <paramref name="count"/> images; returns how many were shown (0 when nothing was
    /// misclassified, in which case the PNG says so).
    /// </summary>
    public static int Write(string path, IReadOnlyList<ValidationPrediction> predictions, IReadOnlyList<string> classNames, int count = 16)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        var worst = predictions
            .Select(p => (Prediction: p, Predicted: ArgMax(p.Probabilities)))
            .Where(p => p.Predicted != p.Prediction.Label)
            .OrderByDescending(p => p.Prediction.Probabilities[p.Predicted])
            .ThenBy(p => p.Prediction.Path, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
        int rows = Math.Max(1, (worst.Length + Columns - 1) / Columns);
        var info = new SKImageInfo(Columns * Cell, rows * (Cell + Caption));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans");
        using var font = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var wrong = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
        if (worst.Length == 0)
        {
            canvas.DrawText("No validation image was misclassified.", 10, 30, SKTextAlign.Left, font, ink);
        }

        for (int i = 0; i < worst.Length; i++)
        {
            float x = i % Columns * Cell;
            float y = i / Columns * (Cell + Caption);
            var (prediction, _) = worst[i];
            DrawImage(canvas, prediction.Path, new SKRect(x + 4, y + 4, x + Cell - 4, y + Cell - 4));
            canvas.DrawText($"true: {classNames[prediction.Label]}", x + 4, y + Cell + 12, SKTextAlign.Left, font, ink);
            int line = 1;
            foreach (int c in Top3(prediction.Probabilities))
            {
                string text = string.Create(CultureInfo.InvariantCulture, $"{classNames[c]} {prediction.Probabilities[c]:P0}");
                canvas.DrawText(text, x + 10, y + Cell + 12 + (line++ * 15), SKTextAlign.Left, font, c == prediction.Label ? ink : wrong);
            }
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Core.Datasets.AtomicFile.WriteAllBytes(path, png.AsSpan());
        return worst.Length;
    }

    private static void DrawImage(SKCanvas canvas, string path, SKRect box)
    {
        using var mat = ImageLoader.Decode(path, out _);
        if (mat is null)
        {
            return;
        }

        Cv2.ImEncode(".png", mat, out byte[] encoded);
        using var bitmap = SKBitmap.Decode(encoded);
        float scale = Math.Min(box.Width / bitmap.Width, box.Height / bitmap.Height);
        float width = bitmap.Width * scale;
        float height = bitmap.Height * scale;
        var target = SKRect.Create(box.MidX - (width / 2), box.MidY - (height / 2), width, height);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest));
    }

    private static int ArgMax(IReadOnlyList<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static IEnumerable<int> Top3(IReadOnlyList<float> values) =>
        Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ThenBy(i => i).Take(3);
}
