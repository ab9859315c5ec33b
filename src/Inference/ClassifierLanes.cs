using System.Runtime.ExceptionServices;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;

namespace LiveClassify.Inference;

/// <summary>
/// Several classifiers of one model, each with a session of its own, classifying consecutive parts of a batch at the
/// same time: lane 0 on the calling thread, the others on threads of their own.
/// </summary>
/// <remarks>
/// On a machine with few cores, a MobileNet-class model keeps a core busier as one stream of images per core than as one
/// stream split over the cores by intra-op threads, whose depthwise layers are too small to share out well; measured in
/// docs/benchmarks.md. The hand-over is a monitor and a generation counter, so a batch allocates nothing. Not
/// thread-safe: one caller at a time.
/// </remarks>
public sealed class ClassifierLanes : IDisposable
{
    private readonly OnnxClassifier[] _lanes;
    private readonly Thread[] _workers;
    private readonly Exception?[] _failures;
    private readonly object _lock = new(); // A monitor, not System.Threading.Lock: Monitor.Wait needs one.
    private FrameBuffer[] _frames = [];
    private Prediction[] _predictions = [];
    private int _count;
    private long _generation;
    private int _running;
    private bool _stopping;

    private ClassifierLanes(OnnxClassifier[] lanes)
    {
        _lanes = lanes;
        _failures = new Exception?[lanes.Length];
        _workers = new Thread[lanes.Length - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            int lane = i + 1;
            _workers[i] = new Thread(() => Serve(lane)) { IsBackground = true, Name = $"inference lane {lane}" };
            _workers[i].Start();
        }
    }

    /// <summary>The first lane: the model's name, contract and provider, which every lane shares.</summary>
    public OnnxClassifier First => _lanes[0];

    /// <summary>How many sessions classify at once.</summary>
    public int Count => _lanes.Length;

    /// <summary>Most frames per <see cref="Classify"/>: each lane's batch, times the lanes.</summary>
    public int MaxBatch => _lanes.Sum(l => l.MaxBatch);

    /// <summary>
    /// Opens <paramref name="lanes"/> sessions of the model, each with <paramref name="options"/>' threads and a batch of
    /// <c>ceil(MaxBatch / lanes)</c>. One lane is one classifier, run on the caller's thread.
    /// </summary>
    /// <exception cref="ModelLoadException">The model cannot be used (as <see cref="OnnxClassifier.Open"/>).</exception>
    public static ClassifierLanes Open(string modelPath, ClassifierOptions options, int lanes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var laneOptions = options with { MaxBatch = (options.MaxBatch + lanes - 1) / lanes };
        var opened = new List<OnnxClassifier>(lanes);
        try
        {
            for (int i = 0; i < lanes; i++)
            {
                opened.Add(OnnxClassifier.Open(modelPath, laneOptions));
            }

            return new ClassifierLanes([.. opened]);
        }
        catch
        {
            opened.ForEach(c => c.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Classifies the first <paramref name="count"/> frames into the predictions of the same index, the batch split
    /// in consecutive parts over the lanes; returns when every part is done. A lane's exception is rethrown here.
    /// </summary>
    public void Classify(FrameBuffer[] frames, Prediction[] predictions, int count)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Math.Min(frames.Length, predictions.Length));
        if (_workers.Length == 0 || count <= 1)
        {
            _lanes[0].Classify(frames.AsSpan(0, count), predictions.AsSpan(0, count));
            return;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            (_frames, _predictions, _count) = (frames, predictions, count);
            _running = _workers.Length;
            _generation++;
            Monitor.PulseAll(_lock);
        }

        RunPart(0);
        lock (_lock)
        {
            while (_running > 0)
            {
                Monitor.Wait(_lock);
            }
        }

        if (Array.Find(_failures, f => f is not null) is { } failure)
        {
            Array.Clear(_failures);
            ExceptionDispatchInfo.Throw(failure); // as if the caller's own classifier had thrown it
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }

        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }

    private void Serve(int lane)
    {
        long seen = 0;
        while (true)
        {
            lock (_lock)
            {
                while (_generation == seen && !_stopping)
                {
                    Monitor.Wait(_lock);
                }

                if (_stopping)
                {
                    return;
                }

                seen = _generation;
            }

            RunPart(lane);
            lock (_lock)
            {
                _running--;
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>Lane <paramref name="lane"/>'s share: an equal, consecutive part of the batch (the last parts may be empty).</summary>
    private void RunPart(int lane)
    {
        int share = (_count + _lanes.Length - 1) / _lanes.Length;
        int start = Math.Min(_count, lane * share);
        int length = Math.Min(share, _count - start);
        try
        {
            if (length > 0)
            {
                _lanes[lane].Classify(_frames.AsSpan(start, length), _predictions.AsSpan(start, length));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _failures[lane] = e;
        }
    }
}
