using LiveClassify.Core.Smoothing;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Live;

/// <summary>Everything <c>liveclassify live</c> is asked to do.</summary>
public sealed record LiveOptions
{
    /// <summary>The frame source as the user typed it (camera index, file, folder, URL, <c>synthetic:NAME</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The model file; hot-swapped when it changes on disk.</summary>
    public required string ModelPath { get; init; }

    /// <summary>How the model is loaded (contract overrides, provider, threads).</summary>
    public ClassifierOptions Classifier { get; init; } = new();

    /// <summary>
    /// How models loaded after the start are opened; null: like <see cref="Classifier"/>. A session sets it without the
    /// contract flags: they describe the starting model, and the models its trainer writes carry their own contract.
    /// </summary>
    public ClassifierOptions? ReloadClassifier { get; init; }

    /// <summary>Dataset folder that keys 1–9 save frames into, one subfolder per class.</summary>
    public string Dataset { get; init; } = "dataset";

    /// <summary>Class names for keys 1–9 (default: the model's labels).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Render offscreen and write the annotated video to <see cref="OutputVideo"/> instead of showing a window.</summary>
    public bool Headless { get; init; }

    /// <summary>The annotated video of a headless run (MP4, mp4v).</summary>
    public string? OutputVideo { get; init; }

    /// <summary>Stop after this many displayed frames.</summary>
    public long? MaxFrames { get; init; }

    /// <summary>Stop after this much time.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Write a PNG of the window every N displayed frames into <see cref="ScreenshotFolder"/>.</summary>
    public int ScreenshotEvery { get; init; }

    /// <summary>Folder for periodic screenshots and the S key.</summary>
    public string ScreenshotFolder { get; init; } = "screenshots";

    /// <summary>Window (or offscreen canvas) size in pixels.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Window (or offscreen canvas) size in pixels.</summary>
    public int Height { get; init; } = 720;

    /// <summary>Top-k rows in the overlay.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>How the large label is smoothed.</summary>
    public SmoothingOptions Smoothing { get; init; } = SmoothingOptions.Default;

    /// <summary>Reload the model when its file changes.</summary>
    public bool WatchModel { get; init; } = true;

    /// <summary>Keep frames whose top-1 confidence is below this in <c>DATASET/_review/</c> (active learning); null: off.</summary>
    public float? ReviewBelow { get; init; }

    /// <summary>At most one review frame per this much stream time.</summary>
    public TimeSpan ReviewInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Start even when <see cref="ModelPath"/> does not exist yet (a session before its first training): frames are
    /// shown and captured, and the model is loaded when the file appears. Needs <see cref="Classes"/>.
    /// </summary>
    public bool ModelMayBeMissing { get; init; }

    /// <summary>Frames per second of stream time saved while a number key is held (a tap saves one).</summary>
    public double BurstRate { get; init; } = 10;
}
