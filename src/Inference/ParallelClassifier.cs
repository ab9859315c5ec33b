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
/// Worker 0 runs on the calling thread, the others on threads this object owns, started once and woken per call, so
/// the steady state allocates nothing; with one worker this is the plain classifier on the calling thread. Not
/// thread-safe: one thread calls <see cref="Classify"/> at a time.
/// </remarks>
public sealed class ParallelClassifier : IDisposable
{
    private readonly OnnxClassifier[] _sessions;
    private readonly Round _round = new();
    private readonly Worker[] _helpers;
    private readonly CountdownEvent _helpersDone;
    private bool _disposed;

    private ParallelClassifier(OnnxClassifier[] sessions)
    {
        _sessions = sessions;
        _helpersDone = new CountdownEvent(sessions.Length - 1);
        _helpers = [.. sessions.Skip(1).Select((session, i) => new Worker(session, _round, _helpersDone, $"inference worker {i + 1}"))];
    }

    /// <summary>The first session: its contract, provider, labels and timings stand for all of them.</summary>
    public OnnxClassifier Primary => _sessions[0];

    /// <summary>Sessions classifying at once.</summary>
    public int Workers => _sessions.Length;

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
        int helping = Math.Min(_helpers.Length, (frames.Count + Primary.MaxBatch - 1) / Primary.MaxBatch - 1);
        _helpersDone.Reset(helping);
        for (int i = 0; i < helping; i++)
        {
            _helpers[i].Start();
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

        _helpersDone.Wait();
        for (int i = 0; i < helping; i++)
        {
            failure ??= _helpers[i].TakeFailure();
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
        foreach (var helper in _helpers)
        {
            helper.Dispose();
        }

        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        _helpersDone.Dispose();
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

    /// <summary>A session and the thread that runs it, waiting for the next round.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly OnnxClassifier _session;
        private readonly Round _round;
        private readonly CountdownEvent _done;
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _go = new(false, spinCount: 1);
        private Exception? _failure;
        private volatile bool _stopping;

        public Worker(OnnxClassifier session, Round round, CountdownEvent done, string name)
        {
            _session = session;
            _round = round;
            _done = done;
            _thread = new Thread(Loop) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public void Start() => _go.Set();

        public Exception? TakeFailure()
        {
            var failure = _failure;
            _failure = null;
            return failure;
        }

        public void Dispose()
        {
            _stopping = true;
            _go.Set();
            _thread.Join();
            _go.Dispose();
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    _round.Work(_session);
                }
                catch (Exception e)
                {
                    _failure = e;
                    _round.Abandon();
                }
                finally
                {
                    _done.Signal();
                }
            }
        }
    }
}
