using System.Diagnostics;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Everything the overlay shows, filled in place by the live loop each tick and read by
/// <see cref="OverlayRenderer.Draw"/>.
/// </summary>
/// <remarks>
/// Sized once: the top-k and capture-count slots are fixed arrays, and the strings are ones the loop already holds
/// (label names from the model's label map, the model's name), so filling the model allocates nothing. Owned by the
/// render thread; not thread-safe.
/// </remarks>
public sealed class OverlayModel
{
    /// <summary>Most top-k rows shown.</summary>
    public const int MaxTopK = 5;

    /// <summary>Most classes whose capture counts are shown (the number keys 1–9).</summary>
    public const int MaxCaptureClasses = 9;

    private readonly string[] _topLabels = new string[MaxTopK];
    private readonly float[] _topScores = new float[MaxTopK];
    private readonly string[] _captureLabels = new string[MaxCaptureClasses];
    private readonly int[] _captureCounts = new int[MaxCaptureClasses];
    private int _topCount;
    private int _captureClassCount;

    /// <summary>The smoothed label shown large; null before the first prediction.</summary>
    public string? Label { get; set; }

    /// <summary>Smoothed probability of <see cref="Label"/>, 0–1; negative hides it.</summary>
    public float LabelScore { get; set; } = -1f;

    /// <summary>Rows of the top-k list in use, 0 to <see cref="MaxTopK"/>.</summary>
    public int TopCount
    {
        get => _topCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxTopK);
            _topCount = value;
        }
    }

    /// <summary>Capture frame rate.</summary>
    public float CaptureFps { get; set; }

    /// <summary>Inference rate (predictions per second).</summary>
    public float InferenceFps { get; set; }

    /// <summary>Render frame rate.</summary>
    public float RenderFps { get; set; }

    /// <summary>Time the model took for the shown prediction, in milliseconds.</summary>
    public float InferenceMilliseconds { get; set; }

    /// <summary>Whether a prediction exists, so its age means something.</summary>
    public bool HasPrediction { get; set; }

    /// <summary>Frames between the frame shown and the frame the prediction came from.</summary>
    public long PredictionAgeFrames { get; set; }

    /// <summary>Milliseconds between the capture of the frame shown and of the frame the prediction came from.</summary>
    public float PredictionAgeMilliseconds { get; set; }

    /// <summary>Name of the model in use, for example its file name.</summary>
    public string ModelName { get; set; } = string.Empty;

    /// <summary>Execution provider the model runs on, for example "CPU".</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The status or error line, shown until <see cref="StatusUntil"/>.</summary>
    public string? StatusText { get; private set; }

    /// <summary>Whether the status line reports an error (drawn in red).</summary>
    public bool StatusIsError { get; private set; }

    /// <summary><see cref="Stopwatch"/> ticks after which the status line disappears.</summary>
    public long StatusUntil { get; private set; }

    /// <summary>Classes with capture counts in use (session mode), 0 to <see cref="MaxCaptureClasses"/>.</summary>
    public int CaptureClassCount
    {
        get => _captureClassCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxCaptureClasses);
            _captureClassCount = value;
        }
    }

    /// <summary>Label of a top-k row, best first.</summary>
    public string TopLabel(int row) => _topLabels[CheckRow(row)] ?? string.Empty;

    /// <summary>Score (0–1) of a top-k row.</summary>
    public float TopScore(int row) => _topScores[CheckRow(row)];

    /// <summary>Sets one top-k row; rows at and beyond <see cref="TopCount"/> are not drawn.</summary>
    public void SetTop(int row, string label, float score)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, MaxTopK);
        _topLabels[row] = label ?? throw new ArgumentNullException(nameof(label));
        _topScores[row] = score;
    }

    /// <summary>Label of a capture class (key <paramref name="index"/> + 1).</summary>
    public string CaptureLabel(int index) => _captureLabels[CheckCapture(index)] ?? string.Empty;

    /// <summary>Frames saved for a capture class.</summary>
    public int CaptureCount(int index) => _captureCounts[CheckCapture(index)];

    /// <summary>Sets one capture class's label and count.</summary>
    public void SetCapture(int index, string label, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxCaptureClasses);
        _captureLabels[index] = label ?? throw new ArgumentNullException(nameof(label));
        _captureCounts[index] = count;
    }

    /// <summary>Shows a status (or, with <paramref name="isError"/>, an error) line for <paramref name="duration"/> from now.</summary>
    public void ShowStatus(string text, bool isError, TimeSpan duration)
    {
        StatusText = text ?? throw new ArgumentNullException(nameof(text));
        StatusIsError = isError;
        StatusUntil = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Whether the status line is to be drawn at <paramref name="now"/> (<see cref="Stopwatch"/> ticks).</summary>
    public bool IsStatusVisible(long now) => StatusText is not null && now < StatusUntil;

    private int CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _topCount);
        return row;
    }

    private int CheckCapture(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _captureClassCount);
        return index;
    }
}
