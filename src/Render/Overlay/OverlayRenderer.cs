using System.Diagnostics;
using LiveClassify.Render.Graphics;
using LiveClassify.Render.Layout;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Draws an <see cref="OverlayModel"/> over the frame: the smoothed label large, the top-k labels with confidence
/// bars, the rates and latencies, the prediction's age, the model and its provider, the status line and the capture
/// counts.
/// </summary>
/// <remarks>
/// Panels and bars go through one <see cref="QuadRenderer"/> batch and all text through one
/// <see cref="TextRenderer"/> batch: two draw calls per frame, no allocation. All members must be called on the
/// context's thread; <see cref="Dispose"/> deletes the GL objects there.
/// </remarks>
public sealed class OverlayRenderer : IDisposable
{
    /// <summary>Pixel size of the large label.</summary>
    public const float LargeTextSize = 36f;

    /// <summary>Pixel size of every other line.</summary>
    public const float SmallTextSize = 16f;

    private const int LargeFace = 0;
    private const int SmallFace = 1;
    private const int FigureLines = 5;
    private const int LineGap = 2;

    private static readonly Rgba PanelColour = new(0f, 0f, 0f, 0.55f);
    private static readonly Rgba TrackColour = new(0.22f, 0.22f, 0.22f, 0.85f);
    private static readonly Rgba BestBarColour = new(0.2f, 0.85f, 0.35f);
    private static readonly Rgba OtherBarColour = new(0.25f, 0.55f, 1f);
    private static readonly Rgba TextColour = new(0.93f, 0.93f, 0.93f);
    private static readonly Rgba ErrorColour = new(1f, 0.35f, 0.3f);

    private readonly GlContext _context;
    private readonly QuadRenderer _quads;
    private readonly TextRenderer _text;
    private readonly FontFace _small;
    private readonly TextLine _line = new(160);
    private readonly TextLine[] _lines = [new(160), new(160), new(160), new(160), new(160), new(160), new(160), new(160), new(160)];

    private OverlayRenderer(GlContext context, QuadRenderer quads, TextRenderer text)
    {
        _context = context;
        _quads = quads;
        _text = text;
        _small = text.Atlas.Face(SmallFace);
        Layout = new OverlayLayout(text.Atlas.Face(LargeFace), _small);
    }

    /// <summary>Where the parts were placed by the last <see cref="Draw"/>.</summary>
    public OverlayLayout Layout { get; }

    /// <summary>
    /// Creates the overlay's renderers; the caller owns and disposes it. Without an atlas, DejaVu Sans is rasterised at
    /// <see cref="LargeTextSize"/> and <see cref="SmallTextSize"/>; a given atlas must have those two faces first.
    /// </summary>
    public static OverlayRenderer Create(GlContext context, GlyphAtlas? atlas = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        atlas ??= GlyphAtlas.Create([LargeTextSize, SmallTextSize]);
        if (atlas.FaceCount < 2)
        {
            throw new ArgumentException("The overlay needs an atlas with a large and a small face.", nameof(atlas));
        }

        QuadRenderer? quads = null;
        TextRenderer? text = null;
        try
        {
            quads = QuadRenderer.Create(context);
            text = TextRenderer.Create(context, atlas);
            var overlay = new OverlayRenderer(context, quads, text);
            quads = null;
            text = null;
            return overlay;
        }
        finally
        {
            text?.Dispose();
            quads?.Dispose();
        }
    }

    /// <summary>Draws the overlay over the current contents of a framebuffer of the given size.</summary>
    public void Draw(OverlayModel model, int targetWidth, int targetHeight)
    {
        ArgumentNullException.ThrowIfNull(model);
        _context.VerifyThread();
        if (targetWidth <= 0 || targetHeight <= 0)
        {
            return;
        }

        Layout.Update(targetWidth, targetHeight);
        _quads.Begin(targetWidth, targetHeight);
        _text.Begin(targetWidth, targetHeight);
        DrawLabelPanel(model);
        DrawFigures(model);
        DrawStatus(model);
        DrawCaptureCounts(model);
        _quads.Flush();
        _text.Flush();
    }

    /// <summary>Deletes the text and quad renderers' GL objects on the context's thread.</summary>
    public void Dispose()
    {
        _text.Dispose();
        _quads.Dispose();
    }

    private void DrawLabelPanel(OverlayModel model)
    {
        _quads.Add(Layout.LabelPanel(model.TopCount), PanelColour);
        if (model.Label is not null)
        {
            _line.Clear().Append(model.Label);
            if (model.LabelScore >= 0)
            {
                _line.Append("  ").Append(model.LabelScore * 100f, "F0").Append("%");
            }

            _text.Add(Fit(_line.Text, Layout.LabelArea.Width, LargeFace), Layout.LabelArea.X, Layout.LabelBaseline, LargeFace, Rgba.White);
        }

        for (int row = 0; row < model.TopCount; row++)
        {
            var line = Layout.Row(row);
            float score = model.TopScore(row);
            int baseline = Layout.SmallBaseline(line.Y + LineGap);
            _text.Add(Fit(model.TopLabel(row), Layout.NameColumnWidth, SmallFace), line.X, baseline, SmallFace, TextColour);
            var track = Layout.BarTrack(row);
            _quads.Add(track, TrackColour);
            _quads.Add(Layout.Bar(row, score), row == 0 ? BestBarColour : OtherBarColour);
            _line.Clear().Append(score * 100f, "F1").Append("%");
            _text.Add(_line.Text, track.Right + 8, baseline, SmallFace, TextColour);
        }
    }

    private void DrawFigures(OverlayModel model)
    {
        _lines[0].Clear().Append("capture ").Append(model.CaptureFps, "F1").Append(" fps");
        _lines[1].Clear().Append("inference ").Append(model.InferenceFps, "F1").Append(" fps  ").Append(model.InferenceMilliseconds, "F1").Append(" ms");
        _lines[2].Clear().Append("render ").Append(model.RenderFps, "F1").Append(" fps");
        _lines[3].Clear().Append("prediction age ");
        if (model.HasPrediction)
        {
            _lines[3].Append(model.PredictionAgeFrames, "D").Append(model.PredictionAgeFrames == 1 ? " frame  " : " frames  ")
                .Append(model.PredictionAgeMilliseconds, "F0").Append(" ms");
        }
        else
        {
            _lines[3].Append("-");
        }

        _lines[4].Clear().Append(model.ModelName.Length > 0 ? model.ModelName : "no model");
        if (model.Provider.Length > 0)
        {
            _lines[4].Append(" (").Append(model.Provider).Append(")");
        }

        DrawPanel(FigureLines, right: true, bottom: false, TextColour);
    }

    private void DrawStatus(OverlayModel model)
    {
        if (model.IsStatusVisible(Stopwatch.GetTimestamp()))
        {
            _lines[0].Clear().Append(model.StatusText);
            DrawPanel(1, right: false, bottom: true, model.StatusIsError ? ErrorColour : TextColour);
        }
    }

    private void DrawCaptureCounts(OverlayModel model)
    {
        if (model.CaptureClassCount == 0)
        {
            return;
        }

        for (int i = 0; i < model.CaptureClassCount; i++)
        {
            _lines[i].Clear().Append(i + 1, "D").Append(" ").Append(model.CaptureLabel(i)).Append(": ").Append(model.CaptureCount(i), "D");
        }

        DrawPanel(model.CaptureClassCount, right: true, bottom: true, TextColour);
    }

    /// <summary>A panel in one corner holding the first <paramref name="count"/> of <see cref="_lines"/>.</summary>
    private void DrawPanel(int count, bool right, bool bottom, Rgba colour)
    {
        int width = 0;
        for (int i = 0; i < count; i++)
        {
            width = Math.Max(width, _small.Measure(_lines[i].Text));
        }

        int lineHeight = _small.LineHeight + LineGap;
        var panel = new PixelRect(0, 0, width + (2 * OverlayLayout.Padding), (count * lineHeight) + (2 * OverlayLayout.Padding));
        panel = panel with
        {
            X = right ? Layout.TargetWidth - OverlayLayout.Margin - panel.Width : OverlayLayout.Margin,
            Y = bottom ? Layout.TargetHeight - OverlayLayout.Margin - panel.Height : OverlayLayout.Margin,
        };
        _quads.Add(panel, PanelColour);
        for (int i = 0; i < count; i++)
        {
            int top = panel.Y + OverlayLayout.Padding + (i * lineHeight);
            _text.Add(_lines[i].Text, panel.X + OverlayLayout.Padding, Layout.SmallBaseline(top), SmallFace, colour);
        }
    }

    /// <summary>The longest prefix of <paramref name="text"/> that fits <paramref name="width"/> pixels.</summary>
    private ReadOnlySpan<char> Fit(ReadOnlySpan<char> text, int width, int face)
    {
        var fontFace = _text.Atlas.Face(face);
        float pen = 0;
        for (int i = 0; i < text.Length; i++)
        {
            pen += fontFace.Glyph(text[i]).Advance;
            if (pen > width)
            {
                return text[..i];
            }
        }

        return text;
    }
}
