using LiveClassify.Render.Layout;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Where the overlay's parts go in a framebuffer of a given size: the label panel at the top-left (large label, then
/// one row per top-k entry: name, confidence bar, percentage), the figures at the top-right, the status line at the
/// bottom-left and the capture counts at the bottom-right.
/// </summary>
/// <remarks>Recomputed in place when the framebuffer size changes, so drawing allocates nothing.</remarks>
public sealed class OverlayLayout
{
    /// <summary>Distance of every panel from the framebuffer's edges.</summary>
    public const int Margin = 12;

    /// <summary>Space between a panel's edge and its contents.</summary>
    public const int Padding = 8;

    private const int ColumnGap = 8;
    private const int RowGap = 6;

    private readonly FontFace _large;
    private readonly FontFace _small;

    internal OverlayLayout(FontFace large, FontFace small)
    {
        _large = large;
        _small = small;
        ScoreColumnWidth = small.Measure("100.0%");
    }

    /// <summary>Framebuffer width the layout was computed for.</summary>
    public int TargetWidth { get; private set; }

    /// <summary>Framebuffer height the layout was computed for.</summary>
    public int TargetHeight { get; private set; }

    /// <summary>The line of the large smoothed label.</summary>
    public PixelRect LabelArea { get; private set; }

    /// <summary>Width of the top-k names' column.</summary>
    public int NameColumnWidth { get; private set; }

    /// <summary>Length of a bar at score 1.</summary>
    public int BarMaxWidth { get; private set; }

    /// <summary>Width of the percentage column after the bars.</summary>
    public int ScoreColumnWidth { get; }

    /// <summary>Height of one top-k row.</summary>
    public int RowHeight => _small.LineHeight + 4;

    /// <summary>Height of one line of small text.</summary>
    public int SmallLineHeight => _small.LineHeight;

    /// <summary>Width of the label panel.</summary>
    public int LabelPanelWidth => Padding + NameColumnWidth + ColumnGap + BarMaxWidth + ColumnGap + ScoreColumnWidth + Padding;

    /// <summary>The label panel holding the label and <paramref name="rows"/> top-k rows.</summary>
    public PixelRect LabelPanel(int rows) =>
        new(Margin, Margin, LabelPanelWidth, Padding + _large.LineHeight + (rows > 0 ? RowGap + (rows * RowHeight) : 0) + Padding);

    /// <summary>The top-k row <paramref name="row"/> (0 = best), across the whole panel's content width.</summary>
    public PixelRect Row(int row) =>
        new(LabelArea.X, LabelArea.Bottom + RowGap + (row * RowHeight), LabelPanelWidth - (2 * Padding), RowHeight);

    /// <summary>The full-length track of row <paramref name="row"/>'s bar; a bar fills it from the left.</summary>
    public PixelRect BarTrack(int row)
    {
        var line = Row(row);
        return new PixelRect(line.X + NameColumnWidth + ColumnGap, line.Y + 3, BarMaxWidth, line.Height - 6);
    }

    /// <summary>The bar of row <paramref name="row"/> for a score in 0–1: <c>score × <see cref="BarMaxWidth"/></c> long.</summary>
    public PixelRect Bar(int row, float score)
    {
        var track = BarTrack(row);
        return track with { Width = BarLength(score) };
    }

    /// <summary>Bar length in pixels for a score, clamped to 0–1 (NaN draws nothing).</summary>
    public int BarLength(float score) => float.IsNaN(score) ? 0 : (int)MathF.Round(Math.Clamp(score, 0f, 1f) * BarMaxWidth);

    /// <summary>Baseline of a line of small text whose top is at <paramref name="top"/>.</summary>
    public int SmallBaseline(int top) => top + _small.Ascent;

    /// <summary>Baseline of the large label.</summary>
    public int LabelBaseline => LabelArea.Y + _large.Ascent;

    /// <summary>Recomputes the layout for a framebuffer size; cheap and allocation-free, a no-op when unchanged.</summary>
    public void Update(int targetWidth, int targetHeight)
    {
        if (targetWidth == TargetWidth && targetHeight == TargetHeight)
        {
            return;
        }

        TargetWidth = targetWidth;
        TargetHeight = targetHeight;
        // Columns scale with the window so bars stay readable on a large screen and fit a small one.
        NameColumnWidth = Math.Clamp(targetWidth / 7, 60, 220);
        BarMaxWidth = Math.Clamp(targetWidth / 5, 60, 320);
        LabelArea = new PixelRect(Margin + Padding, Margin + Padding, LabelPanelWidth - (2 * Padding), _large.LineHeight);
    }
}
