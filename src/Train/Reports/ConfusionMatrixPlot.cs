using System.Globalization;
using ScottPlot;

namespace LiveClassify.Train.Reports;

/// <summary>The confusion matrix as a heatmap with counts: rows are true classes, columns predicted classes.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Writes the plot as a PNG.</summary>
    public static void Write(string path, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int n = evaluation.ClassNames.Count;
        var fractions = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            int support = Math.Max(1, evaluation.Classes[a].Support);
            for (int p = 0; p < n; p++)
            {
                // Colour by the row fraction so a large class does not wash out the others; the text gives counts.
                fractions[a, p] = (double)evaluation.Confusion(a, p) / support;
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(fractions);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Extent = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        float fontSize = n > 20 ? 8 : 12;
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                // Row 0 of the array is drawn at the top.
                var text = plot.Add.Text(evaluation.Confusion(a, p).ToString(CultureInfo.InvariantCulture), p, n - 1 - a);
                text.LabelFontSize = fontSize;
                text.LabelFontColor = fractions[a, p] > 0.5 ? Colors.Black : Colors.White;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        double[] positions = [.. Enumerable.Range(0, n).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. evaluation.ClassNames]);
        plot.Axes.Left.SetTicks([.. positions.Reverse()], [.. evaluation.ClassNames]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = n > 4 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = n > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Confusion matrix ({evaluation.Count} images, accuracy {evaluation.Accuracy:P1})"));
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Add.ColorBar(heatmap);
        int side = Math.Clamp(200 + (n * 45), 500, 1600);
        plot.SavePng(path, side + 150, side);
    }
}
