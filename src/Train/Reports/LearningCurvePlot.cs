using LiveClassify.Train.Training;
using ScottPlot;

namespace LiveClassify.Train.Reports;

/// <summary>The learning curves of the tutorials: training and validation loss (left axis) and accuracy (right axis) per epoch.</summary>
public static class LearningCurvePlot
{
    /// <summary>Writes the plot as a PNG.</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> epochs, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        using var plot = new Plot();
        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        Line(plot, x, epochs.Select(e => e.TrainLoss), "training loss", Colors.Blue, LinePattern.Solid, right: false);
        Line(plot, x, epochs.Select(e => e.ValidationLoss), "validation loss", Colors.Orange, LinePattern.Solid, right: false);
        Line(plot, x, epochs.Select(e => e.TrainAccuracy), "training accuracy", Colors.Blue, LinePattern.Dashed, right: true);
        Line(plot, x, epochs.Select(e => e.ValidationAccuracy), "validation accuracy", Colors.Orange, LinePattern.Dashed, right: true);
        plot.Title("Learning curves");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "accuracy";
        plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, width, height);
    }

    private static void Line(Plot plot, double[] x, IEnumerable<double> values, string label, Color color, LinePattern pattern, bool right)
    {
        double[] y = [.. values];
        if (y.All(double.IsNaN))
        {
            return;
        }

        var line = plot.Add.Scatter(x, y, color);
        line.LegendText = label;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        if (right)
        {
            line.Axes.YAxis = plot.Axes.Right;
        }
    }
}
