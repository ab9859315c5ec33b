using System.Runtime.ExceptionServices;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;

namespace LiveClassify.Inference;

/// <summary>
/// Classifies a run of frames on several sessions of one model at once, each session on its own thread, for
/// throughput on the CPU.
/// </summary>
/// <remarks>
/// On a CPU, one single-threaded session per core classifies more images per second than one session whose operators
/// are split over every core: there is no synchronisation inside each operator and each session's activations stay in
/// its core's cache (MobileNetV2 on this 2-core machine: 312 img/s from two sessions at batch 1 against 251 from one
/// two-thread session at batch 32; docs/benchmarks.md). It costs a copy of the weights per session.
/// <see cref="ThroughputPlan"/> says how many workers and what batch.
/// Worker 0 runs on the calling thread, the others on threads this object owns, started once and woken per call
/// through a monitor, so the steady state allocates nothing; with one worker this is the plain classifier on the
/// calling thread. Not
/// thread-safe: one thread calls <see cref="Classify"/> at a time.
/// </remarks>
public sealed class ParallelClassifier : IDisposable
{
    // Every worker waits for the slowest at the end of a call; several runs per worker and call let the others take
    // over the runs of one the scheduler paused (for a decoder, say) instead of waiting for it. The cap keeps a
    // many-core machine from holding hundreds of decoded frames per call.
    private const int MinFramesPerWorker = 8;
    private const int MaxRoundFrames = 64;

    private readonly OnnxClassifier[] _sessions;
    private readonly Thread[] _helpers;
    private readonly Round _round = new();

    // A monitor, as in the label job's read-ahead ring: waiting on one allocates nothing. It guards the fields below.
    private readonly object _gate = new();
    private long _roundNumber;
    private int _helpersBusy;
    private Exception? _helperFailure;
    private bool _stopping;
    private bool _disposed;

    private ParallelClassifier(OnnxClassifier[] sessions)
    {
        _sessions = sessions;
        _helpers = [.. sessions.Skip(1).Select((session, i) => new Thread(() => Help(session)) { IsBackground = true, Name = $"inference worker {i + 1}" })];
        foreach (var helper in _helpers)
        {
            helper.Start();
        }
    }

    /// <summary>The first session: its contract, provider, labels and timings stand for all of them.</summary>
    public OnnxClassifier Primary => _sessions[0];

    /// <summary>Sessions classifying at once.</summary>
    public int Workers => _sessions.Length;

    /// <summary>The workers and the batch each runs, for logs and summaries.</summary>
    public ThroughputPlan Plan => new(Workers, Primary.MaxBatch);

    /// <summary>Frames to hand <see cref="Classify"/> per call to keep every worker busy: several runs each.</summary>
    public int RoundFrames => Math.Max(Primary.MaxBatch * Workers, Math.Min(MinFramesPerWorker * Workers, MaxRoundFrames));

    /// <summary>
    /// Opens the model once per worker of <paramref name="plan"/>, each session running batches of up to its batch on
    /// <see cref="ThroughputPlan.SessionThreads"/> threads. The caller owns the result.
    /// </summary>
    /// <exception cref="ModelLoadException">The model or its contract cannot be used.</exception>
    public static ParallelClassifier Open(string modelPath, ClassifierOptions options, ThroughputPlan plan)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Batch, 1);
        var perSession = options with { MaxBatch = plan.Batch, Threads = plan.SessionThreads(options.Threads) };

        var sessions = new List<OnnxClassifier>(plan.Workers);
        try
        {
            while (sessions.Count < plan.Workers)
            {
                sessions.Add(OnnxClassifier.Open(modelPath, perSession));
            }

            return new ParallelClassifier([.. sessions]);
        }
        catch
        {
            sessions.ForEach(session => session.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Classifies <paramref name="frames"/> into <paramref name="predictions"/> (prediction i is about frame i). The
    /// workers take the frames in runs of up to <see cref="OnnxClassifier.MaxBatch"/>, each taking the next run when it
    /// finishes its last, so a worker the scheduler pauses holds up at most one run. Returns when every run is done; a
    /// worker's exception is rethrown here.
    /// </summary>
    public void Classify(ArraySegment<FrameBuffer> frames, ArraySegment<Prediction> predictions)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (frames.Count != predictions.Count)
        {
            throw new ArgumentException($"{frames.Count} frames need {frames.Count} predictions, not {predictions.Count}.", nameof(predictions));
        }

        _round.Begin(frames, predictions, Primary.MaxBatch);
        lock (_gate)
        {
            _helpersBusy = _helpers.Length;
            _roundNumber++;
            Monitor.PulseAll(_gate);
        }

        Exception? failure = null;
        try
        {
            _round.Work(_sessions[0]);
        }
        catch (Exception e)
        {
            failure = e;
            _round.Abandon();
        }

        lock (_gate)
        {
            while (_helpersBusy > 0)
            {
                Monitor.Wait(_gate);
            }

            failure ??= _helperFailure;
            _helperFailure = null;
        }

        _round.End();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var helper in _helpers)
        {
            helper.Join();
        }

        foreach (var session in _sessions)
        {
            session.Dispose();
        }
    }

    // A helper thread: each round, classify runs with its session until none is left, then report.
    private void Help(OnnxClassifier session)
    {
        long seen = 0;
        while (true)
        {
            lock (_gate)
            {
                while (_roundNumber == seen && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                seen = _roundNumber;
            }

            Exception? failure = null;
            try
            {
                _round.Work(session);
            }
            catch (Exception e)
            {
                failure = e;
                _round.Abandon();
            }

            lock (_gate)
            {
                _helperFailure ??= failure;
                if (--_helpersBusy == 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    /// <summary>The frames of one <see cref="Classify"/> call, handed out a run at a time to whichever worker asks.</summary>
    private sealed class Round
    {
        private ArraySegment<FrameBuffer> _frames;
        private ArraySegment<Prediction> _predictions;
        private int _runLength;
        private int _next;

        public void Begin(ArraySegment<FrameBuffer> frames, ArraySegment<Prediction> predictions, int runLength)
        {
            _frames = frames;
            _predictions = predictions;
            _runLength = runLength;
            _next = 0;
        }

        /// <summary>Classifies runs with <paramref name="session"/> until none is left.</summary>
        public void Work(OnnxClassifier session)
        {
            while (true)
            {
                int start = Interlocked.Add(ref _next, _runLength) - _runLength;
                if (start >= _frames.Count)
                {
                    return;
                }

                int count = Math.Min(_runLength, _frames.Count - start);
                session.Classify(_frames.AsSpan(start, count), _predictions.AsSpan(start, count));
            }
        }

        /// <summary>After a failure: the other workers take no further run.</summary>
        public void Abandon() => Volatile.Write(ref _next, _frames.Count);

        /// <summary>Drops the references to the caller's arrays.</summary>
        public void End()
        {
            _frames = default;
            _predictions = default;
        }
    }
}
