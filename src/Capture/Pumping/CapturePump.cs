using System.Diagnostics;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Pumping;

/// <summary>
/// The capture thread: reads a source and hands every frame to each consumer's bounded channel, paced in real time
/// or as fast as the consumers take them, and reopens a live source that went quiet.
/// </summary>
/// <remarks>
/// Add consumers, then <see cref="Start"/>. The pump owns its source (and any reopened one) and its thread; dispose it
/// to stop, which also releases frames nobody took. <see cref="StatusChanged"/> runs on the capture thread.
/// For live sources, frame indices and timestamps continue across reconnects: they count from the pump's start.
/// The steady-state loop allocates nothing; <see cref="CaptureThreadAllocatedBytes"/> lets tests and the benchmark
/// check that.
/// </remarks>
public sealed class CapturePump : IDisposable
{
    private readonly FramePool _pool;
    private readonly Func<IFrameSource>? _reopen;
    private readonly CapturePumpOptions _options;
    private readonly List<CaptureConsumer> _consumers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private IFrameSource _source;
    private long _framesRead;
    private long _reconnects;
    private long _allocatedBytes;
    private long _startedAt;
    private bool _started;
    private bool _disposed;

    /// <summary>Creates a pump over an open source, taking ownership of it.</summary>
    /// <param name="source">The source to read; the pump disposes it.</param>
    /// <param name="pool">Where frames are rented.</param>
    /// <param name="reopen">Opens the source again after a disconnect (live sources); null never reconnects.</param>
    /// <param name="options">Pacing and reconnection settings.</param>
    public CapturePump(IFrameSource source, FramePool pool, Func<IFrameSource>? reopen = null, CapturePumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pool);
        _source = source;
        _pool = pool;
        _reopen = reopen;
        _options = options ?? new CapturePumpOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EmptyReadsBeforeReconnect, 1);
        _thread = new Thread(Run) { IsBackground = true, Name = "capture" };
    }

    /// <summary>Reports reconnection, end and failure; invoked on the capture thread.</summary>
    public event Action<CaptureStatus>? StatusChanged;

    /// <summary>The source being read (a new one after each reconnect); read its figures from any thread.</summary>
    public IFrameSource Source => Volatile.Read(ref _source);

    /// <summary>The consumers, in the order they were added.</summary>
    public IReadOnlyList<CaptureConsumer> Consumers => _consumers;

    /// <summary>Completes when the capture thread ends: normally at end of stream or stop, faulted when the pump failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Frames read from the source(s).</summary>
    public long FramesRead => Interlocked.Read(ref _framesRead);

    /// <summary>Times a live source was reopened.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Bytes the capture thread has allocated since it started, updated after every frame.</summary>
    public long CaptureThreadAllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>
    /// Opens the source <paramref name="spec"/> names and creates a pump over it that reopens it after a disconnect
    /// when it is live; the caller owns the pump.
    /// </summary>
    /// <exception cref="CaptureException">The source cannot be opened.</exception>
    public static CapturePump Create(SourceSpec spec, FramePool pool, FrameSourceOptions? sourceOptions = null, CapturePumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var source = FrameSources.Open(spec, sourceOptions);
        try
        {
            return new CapturePump(source, pool, spec.IsLive ? () => FrameSources.Open(spec, sourceOptions) : null, options);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Adds a consumer; every frame goes to each consumer. Only before <see cref="Start"/>.</summary>
    public CaptureConsumer AddConsumer(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("Consumers are added before the pump starts.");
        }

        var consumer = new CaptureConsumer(name, _options.Pacing, _options.QueueCapacity);
        _consumers.Add(consumer);
        return consumer;
    }

    /// <summary>Starts the capture thread.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("The pump is already running.");
        }

        _started = true;
        _startedAt = Stopwatch.GetTimestamp();
        _thread.Start();
    }

    /// <summary>Asks the capture thread to stop; <see cref="Completion"/> completes when it has.</summary>
    public void Stop()
    {
        if (!_disposed)
        {
            _stop.Cancel();
        }
    }

    /// <summary>Stops and joins the capture thread, releases frames left in the channels, disposes the source.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _stop.Cancel();
        if (_started)
        {
            // A blocked read ends within the source's own timeout (V4L2's select, ffmpeg's -rw_timeout).
            _thread.Join();
        }
        else
        {
            _completion.TrySetResult();
        }

        _disposed = true;
        foreach (var consumer in _consumers)
        {
            consumer.Writer.TryComplete();
            consumer.Drain();
        }

        _source.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var token = _stop.Token;
        Exception? failure = null;
        try
        {
            Pump(token);
        }
        catch (Exception exception)
        {
            failure = exception;
            StatusChanged?.Invoke(new CaptureStatus(CaptureState.Failed, exception.Message));
        }

        foreach (var consumer in _consumers)
        {
            consumer.Writer.TryComplete(failure);
        }

        if (failure is null)
        {
            _completion.SetResult();
        }
        else
        {
            _completion.SetException(failure);
        }
    }

    private void Pump(CancellationToken token)
    {
        // Real-time pacing of stored media: frame time t is shown at anchor + (t - first t).
        long anchorTicks = 0;
        var anchorTime = TimeSpan.Zero;
        bool anchored = false;
        int emptyReads = 0;
        long indexBase = 0;
        var source = _source;
        while (!token.IsCancellationRequested)
        {
            if (source.TryRead(_pool, out var frame))
            {
                emptyReads = 0;
                Interlocked.Increment(ref _framesRead);
                if (source.IsLive)
                {
                    frame!.FrameIndex += indexBase;
                    frame.Timestamp = Stopwatch.GetElapsedTime(_startedAt, frame.CapturedAt);
                }
                else if (_options.Pacing == CapturePacing.RealTime)
                {
                    if (!anchored)
                    {
                        (anchorTicks, anchorTime, anchored) = (Stopwatch.GetTimestamp(), frame!.Timestamp, true);
                    }

                    long due = anchorTicks + (long)((frame!.Timestamp - anchorTime).TotalSeconds * Stopwatch.Frequency);
                    long early = due - Stopwatch.GetTimestamp();
                    if (early < -Stopwatch.Frequency / 4)
                    {
                        // Decoding fell behind the clock: start the clock again here rather than rush to catch up.
                        (anchorTicks, anchorTime) = (Stopwatch.GetTimestamp(), frame.Timestamp);
                    }
                    else if (early > 0 && token.WaitHandle.WaitOne(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency)))
                    {
                        frame.Release();
                        break;
                    }
                }

                Deliver(frame!, token);
                Interlocked.Exchange(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                continue;
            }

            if (source.EndOfStream || !source.IsLive)
            {
                StatusChanged?.Invoke(new CaptureStatus(CaptureState.Ended, $"{source.Spec}: end of stream after {source.FramesRead} frames"));
                return;
            }

            if (++emptyReads < _options.EmptyReadsBeforeReconnect || _reopen is null)
            {
                token.WaitHandle.WaitOne(_options.EmptyReadPause);
                continue;
            }

            indexBase += source.FramesRead;
            emptyReads = 0;
            if (!Reconnect(token))
            {
                break;
            }

            source = _source;
        }

        StatusChanged?.Invoke(new CaptureStatus(CaptureState.Stopped, $"{_source.Spec}: stopped after {FramesRead} frames"));
    }

    private void Deliver(FrameBuffer frame, CancellationToken token)
    {
        int count = _consumers.Count;
        if (count == 0)
        {
            frame.Release();
            return;
        }

        for (int i = 1; i < count; i++)
        {
            frame.Retain();
        }

        foreach (var consumer in _consumers)
        {
            if (Write(consumer, frame, token))
            {
                consumer.CountDelivered();
            }
            else
            {
                frame.Release();
            }
        }
    }

    private bool Write(CaptureConsumer consumer, FrameBuffer frame, CancellationToken token)
    {
        // Back-pressure polls instead of blocking on WaitToWriteAsync: a thread that cannot await would need a Task
        // per blocked write, an allocation per frame exactly when the consumer is the bottleneck.
        while (!consumer.Writer.TryWrite(frame))
        {
            if (_options.Pacing == CapturePacing.RealTime || token.IsCancellationRequested || consumer.Reader.Completion.IsCompleted)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    private bool Reconnect(CancellationToken token)
    {
        var lost = _source;
        string reason = lost.LastError ?? $"{_options.EmptyReadsBeforeReconnect} empty reads in a row";
        lost.Dispose();
        var delay = _options.ReconnectDelay;
        for (int attempt = 1; ; attempt++)
        {
            StatusChanged?.Invoke(new CaptureStatus(CaptureState.Reconnecting, $"{lost.Spec}: disconnected ({reason}); reconnecting in {delay.TotalSeconds:0.###} s (attempt {attempt})", attempt));
            if (token.WaitHandle.WaitOne(delay))
            {
                return false;
            }

            try
            {
                Volatile.Write(ref _source, _reopen!());
                Interlocked.Increment(ref _reconnects);
                StatusChanged?.Invoke(new CaptureStatus(CaptureState.Reconnected, $"{lost.Spec}: reconnected after {attempt} attempt(s)"));
                return true;
            }
            catch (CaptureException exception)
            {
                reason = exception.Message;
            }

            if (attempt >= _options.MaxReconnectAttempts)
            {
                throw new CaptureException(lost.Spec.Text, $"gave up after {attempt} reconnection attempts; last error: {reason}");
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }
}
