using System.Diagnostics;
using System.Threading.Channels;
using LiveClassify.Core.Concurrency;
using LiveClassify.Core.Frames;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Live;

/// <summary>
/// The inference stage of the live loop: takes the newest frame from its channel, classifies it into the back slot of
/// a triple buffer and publishes it, tagged with the frame it came from. Swaps in a reloaded model between two frames.
/// </summary>
/// <remarks>
/// Owns the running classifier. The render thread reads predictions through <see cref="Predictions"/> and never
/// waits for this stage. The loop ends when the frame channel completes; a failure completes <see cref="Completion"/>
/// with the exception, which the host reports as one line.
/// </remarks>
public sealed class InferenceWorker : IDisposable
{
    private readonly ChannelReader<FrameBuffer> _frames;
    private readonly ModelReloader? _reloader;
    private readonly Action<FrameBuffer, LivePrediction>? _observer;
    private OnnxClassifier? _classifier;
    private long _classified;
    private long _lastFrameIndex = -1;

    private InferenceWorker(ChannelReader<FrameBuffer> frames, OnnxClassifier? classifier, ModelReloader? reloader,
        Action<FrameBuffer, LivePrediction>? observer)
    {
        _frames = frames;
        _classifier = classifier;
        _reloader = reloader;
        _observer = observer;
        Predictions = new TripleBuffer<LivePrediction>(new LivePrediction(), new LivePrediction(), new LivePrediction());
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Opens the model and starts classifying frames from <paramref name="frames"/>; the caller owns the worker.</summary>
    /// <param name="frames">The inference consumer's channel of the capture pump.</param>
    /// <param name="modelPath">The first model.</param>
    /// <param name="options">How to load it.</param>
    /// <param name="reloader">Source of hot-swapped models, or null.</param>
    /// <param name="observer">Called on this stage's thread after each prediction, before the frame is released
    /// (active learning uses it to keep low-confidence frames).</param>
    /// <param name="modelMayBeMissing">Start without a model when the file does not exist yet (a session before its
    /// first training): frames pass through unclassified until the reloader delivers one.</param>
    public static InferenceWorker Start(ChannelReader<FrameBuffer> frames, string modelPath, ClassifierOptions options,
        ModelReloader? reloader, Action<FrameBuffer, LivePrediction>? observer = null, bool modelMayBeMissing = false)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var classifier = modelMayBeMissing && !File.Exists(modelPath) ? null : OnnxClassifier.Open(modelPath, options);
        return new InferenceWorker(frames, classifier, reloader, observer);
    }

    /// <summary>Newest predictions; the render thread calls <see cref="TripleBuffer{T}.TryAcquire"/> and reads <c>Front</c>.</summary>
    public TripleBuffer<LivePrediction> Predictions { get; }

    /// <summary>Ends when the frame channel completes; faults if classification failed.</summary>
    public Task Completion { get; }

    /// <summary>Frames classified so far.</summary>
    public long Classified => Interlocked.Read(ref _classified);

    /// <summary>Index of the last frame classified.</summary>
    public long LastFrameIndex => Interlocked.Read(ref _lastFrameIndex);

    /// <summary>The running model (its name, provider and generation are shown in the overlay); null before the first.</summary>
    public OnnxClassifier? Classifier => Volatile.Read(ref _classifier);

    /// <summary>Classifications per second over the last second or so.</summary>
    public double Fps { get; private set; }

    /// <summary>Inference time of the newest prediction.</summary>
    public TimeSpan LastInferenceTime { get; private set; }

    /// <inheritdoc />
    public void Dispose() => Volatile.Read(ref _classifier)?.Dispose();

    private async Task RunAsync()
    {
        long windowStart = Stopwatch.GetTimestamp();
        long windowCount = 0;

        // No cancellation token: the channel reader reuses one wait object when none is given, so the loop allocates
        // nothing per frame. Shutdown completes the channel instead.
        while (await _frames.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_frames.TryRead(out var frame))
            {
                try
                {
                    SwapIfReloaded();
                    if (_classifier is not { } classifier)
                    {
                        // No model yet: the frame is done with, so a headless display does not wait for it.
                        Interlocked.Exchange(ref _lastFrameIndex, frame.FrameIndex);
                        continue;
                    }

                    var slot = Predictions.Back;
                    slot.Prepare(classifier.Contract.Labels, classifier.ModelName);
                    classifier.Classify(frame, slot.Scores);
                    LastInferenceTime = slot.Scores.InferenceTime;
                    _observer?.Invoke(frame, slot);
                    Predictions.Publish();
                    Interlocked.Exchange(ref _lastFrameIndex, frame.FrameIndex);
                    Interlocked.Increment(ref _classified);
                }
                finally
                {
                    frame.Release();
                }

                windowCount++;
                double seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
                if (seconds >= 1)
                {
                    Fps = windowCount / seconds;
                    windowStart = Stopwatch.GetTimestamp();
                    windowCount = 0;
                }
            }
        }
    }

    private void SwapIfReloaded()
    {
        if (_reloader is not null && _reloader.TryTakePending(out var next))
        {
            var previous = Interlocked.Exchange(ref _classifier, next!);
            previous?.Dispose();
        }
    }
}
