using LiveClassify.Capture.Sources;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Decodes a file on its own thread a few frames ahead of the consumer, so decoding overlaps inference. Nothing is
/// dropped: the decoder waits when the consumer is behind.
/// </summary>
/// <remarks>
/// A small ring guarded by a monitor rather than a channel: waiting on a monitor allocates nothing, which keeps the
/// per-frame path allocation-free even when one side waits for the other on every frame. Disposing stops the
/// decoder and releases frames it read but nobody took.
/// </remarks>
internal sealed class ReadAhead : IDisposable
{
    // A file that fails this many reads in a row without reaching its end is not going to recover.
    private const int MaxFailedReadsInARow = 100;

    private readonly FrameBuffer?[] _ring;
    private readonly Thread _decoder;
    private readonly IFrameSource _source;
    private readonly FramePool _pool;
    private readonly object _lock = new(); // A monitor, not System.Threading.Lock: Monitor.Wait needs one.
    private int _head;
    private int _count;
    private bool _finished;
    private bool _stopping;
    private Exception? _failure;

    public ReadAhead(IFrameSource source, FramePool pool, int capacity)
    {
        _source = source;
        _pool = pool;
        _ring = new FrameBuffer?[capacity];
        _decoder = new Thread(Decode) { IsBackground = true, Name = "label decode" };
        _decoder.Start();
    }

    /// <summary>Waits for the next frame; false at the end of the file. A decoder exception is rethrown here.</summary>
    public bool TryTake(out FrameBuffer frame)
    {
        lock (_lock)
        {
            while (_count == 0 && !_finished)
            {
                Monitor.Wait(_lock);
            }

            if (_count == 0)
            {
                frame = null!;
                return _failure is null ? false : throw new IOException(_failure.Message, _failure);
            }

            frame = _ring[_head]!;
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
            Monitor.PulseAll(_lock);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        _decoder.Join();
        while (_count > 0)
        {
            _ring[_head]!.Release();
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }

    private void Decode()
    {
        try
        {
            int failedInARow = 0;
            while (!Volatile.Read(ref _stopping) && !_source.EndOfStream && failedInARow < MaxFailedReadsInARow)
            {
                if (!_source.TryRead(_pool, out var frame))
                {
                    failedInARow++;
                    continue;
                }

                failedInARow = 0;
                lock (_lock)
                {
                    while (_count == _ring.Length && !_stopping)
                    {
                        Monitor.Wait(_lock);
                    }

                    if (_stopping)
                    {
                        frame!.Release();
                        return;
                    }

                    _ring[(_head + _count) % _ring.Length] = frame;
                    _count++;
                    Monitor.PulseAll(_lock);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _failure = e;
        }
        finally
        {
            lock (_lock)
            {
                _finished = true;
                Monitor.PulseAll(_lock);
            }
        }
    }
}
