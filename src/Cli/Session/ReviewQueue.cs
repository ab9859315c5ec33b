using System.Text.Json;
using LiveClassify.Cli.Live;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Session;

/// <summary>
/// Active learning: watches every prediction (as the live loop's prediction observer, on the inference thread) and
/// keeps the frames the model is unsure of in <c>DATASET/_review/</c> as a PNG plus a JSON of the top predictions,
/// for <c>liveclassify review</c> to sort into class folders.
/// </summary>
/// <remarks>
/// The inference thread only asks the sampler (no allocation) and, for a kept frame, retains it and copies its top
/// scores; encoding and writing happen on a task, so a slow disk never delays a prediction.
/// </remarks>
public sealed class ReviewQueue
{
    /// <summary>The review folder's name inside a dataset (the leading '_' keeps it apart from class folders).</summary>
    public const string FolderName = "_review";

    private const int MaxRows = 5;
    private readonly ReviewSampler _sampler;
    private readonly TextWriter _log;
    private readonly int[] _ranked = new int[MaxRows];
    private int _pendingWrites;
    private long _saved;

    /// <summary>Keeps frames chosen by <paramref name="sampler"/> in the review folder of <paramref name="dataset"/>.</summary>
    public ReviewQueue(string dataset, ReviewSampler sampler, TextWriter log)
    {
        Folder = Path.Combine(Path.GetFullPath(dataset), FolderName);
        _sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The review folder.</summary>
    public string Folder { get; }

    /// <summary>Frames written so far.</summary>
    public long Saved => Interlocked.Read(ref _saved);

    /// <summary>The sampler's decisions (rate-limited and duplicate counts).</summary>
    public ReviewSampler Sampler => _sampler;

    /// <summary>Looks at one prediction (inference thread); keeps the frame when the sampler says so.</summary>
    public void Observe(FrameBuffer frame, LivePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(prediction);
        var scores = prediction.Scores;
        int top = scores.Top1;
        if (top < 0 || !_sampler.ShouldKeep(frame, scores.Probabilities[top]))
        {
            return;
        }

        int count = scores.TopK(_ranked.AsSpan(0, Math.Min(MaxRows, scores.ClassCount)));
        var record = new ReviewRecord
        {
            Model = prediction.ModelName,
            FrameIndex = frame.FrameIndex,
            StreamSeconds = frame.Timestamp.TotalSeconds,
            Predictions = [.. _ranked.Take(count).Select(i => new ReviewScore(prediction.Labels[i], scores.Probabilities[i]))],
        };
        frame.Retain();
        Interlocked.Increment(ref _pendingWrites);
        _ = Task.Run(() => Write(frame, record));
    }

    /// <summary>Waits until every kept frame is written (shutdown and tests).</summary>
    public void Flush() => SpinWait.SpinUntil(() => Volatile.Read(ref _pendingWrites) == 0, TimeSpan.FromSeconds(30));

    private void Write(FrameBuffer frame, ReviewRecord record)
    {
        try
        {
            string image = DatasetWriter.SavePng(Folder, frame);
            AtomicFile.WriteAllBytes(Path.ChangeExtension(image, ".json"), JsonSerializer.SerializeToUtf8Bytes(record, ReviewJson.Default.ReviewRecord));
            Interlocked.Increment(ref _saved);
        }
        catch (IOException e)
        {
            _log.WriteLine($"review: {DatasetWriter.Describe(e, FolderName)}");
        }
        finally
        {
            frame.Release();
            Interlocked.Decrement(ref _pendingWrites);
        }
    }
}
