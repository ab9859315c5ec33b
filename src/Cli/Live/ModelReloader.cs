using LiveClassify.Inference;

namespace LiveClassify.Cli.Live;

/// <summary>
/// Loads a new classifier from the model file in the background (on a file change or the R key), warms it up, and
/// hands it to the inference thread, which swaps it in between two frames. A file that does not load (broken,
/// half-written, the wrong shape) leaves the running model alone and is reported through <see cref="LastError"/>.
/// </summary>
/// <remarks>
/// The watcher reacts to the rename a trainer does when it writes atomically, and to in-place writes; in the second
/// case a load may see a partial file, fail, and succeed on the next change event.
/// </remarks>
public sealed class ModelReloader : IDisposable
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(150);

    private readonly string _path;
    private readonly ClassifierOptions _options;
    private readonly FileSystemWatcher? _watcher;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private OnnxClassifier? _pending;
    private int _generation;
    private int _requested;

    /// <summary>Creates a reloader for <paramref name="path"/>; with <paramref name="watch"/> it reloads on every change.</summary>
    public ModelReloader(string path, ClassifierOptions options, int firstGeneration, bool watch)
    {
        _path = Path.GetFullPath(path);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _generation = firstGeneration;
        if (watch)
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
            };
            _watcher.Changed += (_, _) => RequestReload();
            _watcher.Created += (_, _) => RequestReload();
            _watcher.Renamed += (_, e) =>
            {
                if (string.Equals(e.FullPath, _path, StringComparison.Ordinal))
                {
                    RequestReload();
                }
            };
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The last load failure and when it happened (Stopwatch ticks), for the overlay; null after a success.</summary>
    public (string Message, long At)? LastError { get; private set; }

    /// <summary>Successful loads so far.</summary>
    public int Loaded { get; private set; }

    /// <summary>Loads that failed so far.</summary>
    public int Failed { get; private set; }

    /// <summary>Whether no load is running or requested.</summary>
    public bool IsIdle => Volatile.Read(ref _requested) == 0 && _loading.CurrentCount == 1;

    /// <summary>Whether a loaded model waits for the inference thread to take it.</summary>
    public bool PendingReady => Volatile.Read(ref _pending) is not null;

    /// <summary>Asks for a reload; requests that arrive during a load are folded into one more load after it.</summary>
    public void RequestReload()
    {
        Interlocked.Exchange(ref _requested, 1);
        _ = Task.Run(LoadAsync);
    }

    /// <summary>Takes the newly loaded classifier, if one is ready (inference thread, between frames). The caller owns it.</summary>
    public bool TryTakePending(out OnnxClassifier? classifier)
    {
        classifier = Interlocked.Exchange(ref _pending, null);
        return classifier is not null;
    }

    /// <summary>Waits until no load is running or requested (tests and shutdown).</summary>
    public async Task WaitIdleAsync()
    {
        while (!IsIdle)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _stopping.Cancel();
        _loading.Wait();
        Interlocked.Exchange(ref _pending, null)?.Dispose();
        _loading.Dispose();
        _stopping.Dispose();
    }

    private async Task LoadAsync()
    {
        try
        {
            await _loading.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return; // Shutting down.
        }

        try
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1 && !_stopping.IsCancellationRequested)
            {
                // Writers produce several change events per save: let them finish before reading.
                await Task.Delay(SettleTime).ConfigureAwait(false);
                Load();
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Load()
    {
        try
        {
            var loaded = OnnxClassifier.Open(_path, _options with { ModelGeneration = _generation + 1, WarmUp = true });
            _generation++;
            Loaded++;
            LastError = null;
            Interlocked.Exchange(ref _pending, loaded)?.Dispose();
        }
        catch (Exception e) when (Commands.CommandErrors.IsUserError(e))
        {
            Failed++;
            LastError = ($"model not reloaded, keeping the running one: {e.Message}", System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }
}
