using System.Diagnostics;
using System.Globalization;
using LiveClassify.Capture.IO;
using LiveClassify.Capture.Pumping;
using LiveClassify.Capture.Sources;
using LiveClassify.Cli.Session;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Smoothing;
using LiveClassify.Inference;
using LiveClassify.Render.Frames;
using LiveClassify.Render.Overlay;
using LiveClassify.Render.ReadBack;
using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Cli.Live;

/// <summary>
/// The live loop, game-engine style: a capture thread (the pump), an inference thread (the worker) and this, the main
/// thread, which owns the GL context and each tick polls input, takes the newest frame and the newest prediction,
/// draws and presents at display rate. It never waits for inference.
/// </summary>
/// <remarks>
/// Headless runs are the exception by design: they write every frame of the source to a video, so the pump does not
/// drop frames and each frame waits (briefly) for its own prediction, which makes the output reproducible.
/// Shutdown is orderly: stop the pump (its channels complete), let the worker finish, then release GL objects on
/// this thread and close the window.
/// </remarks>
public sealed class LiveLoop
{
    // A tick that took longer than this (a debugger pause, a swap storm) advances animations by this much only.
    private static readonly TimeSpan MaxElapsed = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StatusTime = TimeSpan.FromSeconds(4);

    // Xvfb and some drivers report no refresh rate; 60 Hz is what nearly every display runs at.
    private const int AssumedRefreshRate = 60;

    // The pacer caps a little above the refresh rate so that, where vsync works, it never delays a swap into the
    // next vertical blank; where vsync is ignored, the cap is what keeps the loop from spinning.
    private const double PacingHeadroom = 1.2;
    private const string NoModelYet = "no model yet — press T after capturing";

    private readonly LiveOptions _options;
    private readonly TextWriter _log;
    private readonly FramePool _pool = new();
    private readonly OverlayModel _overlay = new();
    private readonly RateMeter _renderRate = new();
    private readonly RateMeter _captureRate = new();
    private readonly int[] _ranked = new int[OverlayModel.MaxTopK];
    private readonly ConfidenceBars _bars = new();
    private FrameBuffer? _shown;
    private PredictionSmoother? _smoother;
    private object? _smootherLabels;
    private bool _paused;
    private bool _overlayOn = true;
    private bool _screenshotRequested;
    private object? _shownError;
    private long _timedRun;
    private Key? _burstKey;
    private TimeSpan _burstLastSaved;

    /// <summary>Prepares a loop; <see cref="Run"/> does the work.</summary>
    public LiveLoop(LiveOptions options, TextWriter log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>Prediction age in frames, one sample per displayed frame.</summary>
    public SampleRecorder AgeFrames { get; } = new();

    /// <summary>Prediction age in milliseconds (capture time of the shown frame minus that of the predicted one).</summary>
    public SampleRecorder AgeMilliseconds { get; } = new();

    /// <summary>Capture-to-display latency in milliseconds: from reading a frame to presenting it.</summary>
    public SampleRecorder LatencyMilliseconds { get; } = new();

    /// <summary>Frames displayed (or written, headless).</summary>
    public long FramesDisplayed { get; private set; }

    /// <summary>Models swapped in while running.</summary>
    public int ModelSwaps { get; private set; }

    /// <summary>The dataset capture of keys 1–9.</summary>
    public DatasetCapture? Capture { get; private set; }

    /// <summary>Active learning's review queue, when <see cref="LiveOptions.ReviewBelow"/> is set.</summary>
    public ReviewQueue? Review { get; private set; }

    /// <summary>Frame buffers still rented after <see cref="Run"/> returned: 0 unless something leaked.</summary>
    public int FramesOutstanding => _pool.Outstanding;

    /// <summary>GL objects still alive after <see cref="Run"/> returned: 0 unless something leaked.</summary>
    public int GlObjectsAlive { get; private set; }

    /// <summary>Keys to inject before each tick (tests drive the loop without a keyboard).</summary>
    public Func<long, KeyPress?>? ScriptedKeys { get; init; }

    /// <summary>The T key's training runs (a session); null: T does nothing.</summary>
    public TrainingProcess? Training { get; init; }

    /// <summary>Redraws per second over the whole run (the display rate, or the source's rate when headless).</summary>
    public double RedrawsPerSecond { get; private set; }

    /// <summary>Seconds from pressing T to the trained model making predictions, one sample per successful run.</summary>
    public SampleRecorder TrainToLiveSeconds { get; } = new();

    /// <summary>Which key tests hold down before each tick (null: none); the window's own key state otherwise.</summary>
    public Func<long, Key?>? ScriptedHeldKey { get; init; }

    /// <summary>Called on the inference thread after each prediction (active learning).</summary>
    public Action<FrameBuffer, LivePrediction>? PredictionObserver { get; init; }

    /// <summary>Runs until the window closes, Q/Esc, Ctrl+C (<paramref name="cancellation"/>), the frame or time limit,
    /// or the end of a file source; returns the exit code.</summary>
    public int Run(CancellationToken cancellation)
    {
        using var reloader = new ModelReloader(_options.ModelPath, _options.ReloadClassifier ?? _options.Classifier, _options.Classifier.ModelGeneration, _options.WatchModel);
        var pacing = _options.Headless ? CapturePacing.AsFastAsPossible : CapturePacing.RealTime;
        using var pump = CapturePump.Create(SourceSpec.Parse(_options.Source), _pool, null,
            new CapturePumpOptions { Pacing = pacing, QueueCapacity = 1 });
        var display = pump.AddConsumer("display");
        Review = _options.ReviewBelow is { } below ? new ReviewQueue(_options.Dataset, new ReviewSampler(below, _options.ReviewInterval), _log) : null;
        var observer = Review is null ? PredictionObserver : PredictionObserver + Review.Observe;
        using var worker = InferenceWorker.Start(pump.AddConsumer("inference").Reader, _options.ModelPath, _options.Classifier, reloader, observer, _options.ModelMayBeMissing);
        var classifier = worker.Classifier;
        _log.WriteLine(classifier is null
            ? $"live: no model yet; {_options.ModelPath} is loaded when it appears"
            : $"live: {classifier.ModelName} on {classifier.Provider.Description}; {classifier.Contract.Contract.Preprocess.Describe()}");
        try
        {
            Capture = new DatasetCapture(_options.Dataset, _options.Classes ?? classifier?.Contract.Labels.Names
                ?? throw new ArgumentException("Without a model, --classes must name the classes keys 1-9 capture into."));
            pump.Start();
            return RunWindow(pump, display, worker, reloader, cancellation);
        }
        finally
        {
            pump.Stop();
            WaitQuietly(worker.Completion);
            Capture?.Flush();
            Review?.Flush();
            WaitQuietly(Training?.Completion ?? Task.CompletedTask);
        }
    }

    private int RunWindow(CapturePump pump, CaptureConsumer display, InferenceWorker worker, ModelReloader reloader, CancellationToken cancellation)
    {
        using var window = GlfwWindow.Open(new GlfwWindowOptions
        {
            Width = _options.Width,
            Height = _options.Height,
            Visible = !_options.Headless,
            VSync = !_options.Headless,
            Title = $"LiveClassify — {_options.Source}",
        });
        var gl = window.Gl;
        VideoFileWriter? video = null;
        FrameBuffer? canvas = null;
        try
        {
            using var texture = FrameTexture.Create(window.Context);
            using var overlay = OverlayRenderer.Create(window.Context);
            var readBack = new OffscreenCapture(window.Context);
            var pacer = new FramePacer(PacingHeadroom * (window.RefreshRate > 0 ? window.RefreshRate : AssumedRefreshRate));
            long started = Stopwatch.GetTimestamp();
            long lastTick = started;
            long redraws = 0;
            int generation = worker.Classifier?.ModelGeneration ?? _options.Classifier.ModelGeneration;
            while (!cancellation.IsCancellationRequested && !window.ShouldClose)
            {
                long now = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(lastTick, now);
                var tick = elapsed > MaxElapsed ? MaxElapsed : elapsed;
                lastTick = now;

                window.PollEvents();
                if (ScriptedKeys?.Invoke(FramesDisplayed) is { } scripted)
                {
                    window.InjectKeyPress(scripted);
                }

                HandleKeys(window, reloader);
                bool newFrame = !_paused && TakeNewestFrame(display, worker, texture);
                Burst(window, newFrame);
                if (!newFrame && display.Reader.Completion.IsCompleted && !_paused)
                {
                    break; // The file ended and every frame has been shown.
                }

                UpdatePrediction(worker, reloader, ref generation);
                // A headless video shows each frame's own scores: no gliding between frames written back to back.
                _bars.Advance(tick, jump: _options.Headless, _overlay);
                UpdateOverlayFigures(pump, worker);

                gl.Viewport(0, 0, (uint)window.FramebufferWidth, (uint)window.FramebufferHeight);
                gl.ClearColor(0.05f, 0.05f, 0.06f, 1f);
                gl.Clear(ClearBufferMask.ColorBufferBit);
                texture.Draw(window.FramebufferWidth, window.FramebufferHeight);
                if (_overlayOn)
                {
                    overlay.Draw(_overlay, window.FramebufferWidth, window.FramebufferHeight);
                }

                if (_options.Headless && newFrame)
                {
                    canvas ??= _pool.Rent(window.FramebufferWidth, window.FramebufferHeight);
                    readBack.Read(canvas, canvas.Width, canvas.Height);
                    video ??= VideoFileWriter.Create(TemporaryVideoPath(), canvas.Width, canvas.Height, SourceFps(pump));
                    video.Write(canvas);
                }

                SaveScreenshots(readBack, window, newFrame);
                if (!_options.Headless)
                {
                    window.SwapBuffers();
                    pacer.WaitForNextTick();
                }

                if (newFrame)
                {
                    FramesDisplayed++;
                    LatencyMilliseconds.Add(Stopwatch.GetElapsedTime(_shown!.CapturedAt).TotalMilliseconds);

                    // One age sample per displayed frame, not per tick: ticks between frames repeat the same pair.
                    if (_overlay.HasPrediction)
                    {
                        AgeFrames.Add(_overlay.PredictionAgeFrames);
                        AgeMilliseconds.Add(_overlay.PredictionAgeMilliseconds);
                    }
                }

                _renderRate.Tick();
                redraws++;
                if ((_options.MaxFrames is { } maxFrames && FramesDisplayed >= maxFrames)
                    || (_options.Duration is { } duration && Stopwatch.GetElapsedTime(started) >= duration))
                {
                    break;
                }
            }

            RedrawsPerSecond = redraws / Stopwatch.GetElapsedTime(started).TotalSeconds;
            pump.Stop();
            WaitQuietly(pump.Completion);
            if (pump.Completion.IsFaulted)
            {
                _log.WriteLine($"live: capture failed: {pump.Completion.Exception!.GetBaseException().Message}");
                return 1;
            }

            if (worker.Completion.IsFaulted)
            {
                _log.WriteLine($"live: inference failed: {worker.Completion.Exception!.GetBaseException().Message}");
                return 1;
            }

            return 0;
        }
        finally
        {
            _shown?.Release();
            _shown = null;
            canvas?.Release();
            video?.Dispose();
            if (video is not null)
            {
                File.Move(video.Path, _options.OutputVideo!, overwrite: true);
            }

            GlObjectsAlive = window.Context.Resources.TotalLive;
        }
    }

    private bool TakeNewestFrame(CaptureConsumer display, InferenceWorker worker, FrameTexture texture)
    {
        FrameBuffer? newest = null;
        if (_options.Headless)
        {
            // Every frame, in order, each after its own prediction (see the class remarks).
            var ready = display.Reader.WaitToReadAsync();
            bool more = ready.IsCompleted ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
            if (!more || !display.Reader.TryRead(out newest))
            {
                return false;
            }

            long index = newest.FrameIndex;
            SpinWait.SpinUntil(() => worker.LastFrameIndex >= index || worker.Completion.IsCompleted, TimeSpan.FromSeconds(10));
        }
        else
        {
            while (display.Reader.TryRead(out var frame))
            {
                newest?.Release();
                newest = frame;
            }

            if (newest is null)
            {
                return false;
            }
        }

        _shown?.Release();
        _shown = newest;
        texture.Upload(newest);
        return true;
    }

    private void UpdatePrediction(InferenceWorker worker, ModelReloader reloader, ref int generation)
    {
        if (reloader.LastError is { } error && !ReferenceEquals(error.Message, _shownError))
        {
            _shownError = error.Message;
            _overlay.ShowStatus(error.Message, isError: true, StatusTime);
            _log.WriteLine($"live: {error.Message}");
        }

        if (!worker.Predictions.TryAcquire())
        {
            ShowAge(worker.Predictions.Front);
            return;
        }

        var latest = worker.Predictions.Front;
        if (latest.IsEmpty)
        {
            return;
        }

        var scores = latest.Scores;
        if (scores.ModelGeneration != generation)
        {
            generation = scores.ModelGeneration;
            ModelSwaps++;
            if (Training is { LastSuccessStartedAt: > 0 } training && training.LastSuccessStartedAt != _timedRun)
            {
                _timedRun = training.LastSuccessStartedAt;
                TrainToLiveSeconds.Add(Stopwatch.GetElapsedTime(_timedRun).TotalSeconds);
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live: trained model live {Stopwatch.GetElapsedTime(_timedRun).TotalSeconds:0.0} s after T"));
            }

            _overlay.ShowStatus($"model reloaded: {latest.ModelName} (generation {generation})", isError: false, StatusTime);
        }

        if (!ReferenceEquals(_smootherLabels, latest.Labels))
        {
            // A swapped-in model may have other classes: start smoothing afresh (the one allocation of a swap).
            _smoother = new PredictionSmoother(latest.Labels.Count, _options.Smoothing);
            _smootherLabels = latest.Labels;
        }

        var smoothed = _smoother!.Update(scores.Probabilities, scores.FrameTimestamp);
        _overlay.HasPrediction = true;
        _overlay.Label = latest.Labels[smoothed.ClassIndex];
        _overlay.LabelScore = smoothed.Score;
        int count = scores.TopK(_ranked.AsSpan(0, Math.Min(Math.Min(_options.TopK, OverlayModel.MaxTopK), scores.ClassCount)));
        _bars.SetTargets(_ranked.AsSpan(0, count), latest.Labels, scores.Probabilities);

        _overlay.ModelName = latest.ModelName;
        _overlay.InferenceMilliseconds = (float)scores.InferenceTime.TotalMilliseconds;
        ShowAge(latest);
    }

    private void ShowAge(LivePrediction prediction)
    {
        if (_shown is null || prediction.IsEmpty)
        {
            return;
        }

        long frames = _shown.FrameIndex - prediction.Scores.FrameIndex;
        double milliseconds = Stopwatch.GetElapsedTime(prediction.Scores.FrameCapturedAt, _shown.CapturedAt).TotalMilliseconds;
        _overlay.PredictionAgeFrames = frames;
        _overlay.PredictionAgeMilliseconds = (float)milliseconds;
    }

    private void UpdateOverlayFigures(CapturePump pump, InferenceWorker worker)
    {
        _captureRate.Observe(pump.FramesRead);
        _overlay.CaptureFps = _captureRate.PerSecond;
        _overlay.InferenceFps = (float)worker.Fps;
        _overlay.RenderFps = _renderRate.PerSecond;
        if (worker.Classifier is { } classifier)
        {
            _overlay.Provider = classifier.Provider.Name; // The reason behind the choice is in the log; the overlay has no room for it.
        }
        else
        {
            _overlay.ModelName = NoModelYet;
        }

        if (Training?.Status is { } training && !ReferenceEquals(training, _shownError))
        {
            _shownError = training;
            _overlay.ShowStatus(training, Training.StatusIsError, Training.StatusIsError ? StatusTime * 3 : StatusTime);
        }

        if (Capture is { } capture)
        {
            _overlay.CaptureClassCount = capture.Classes.Count;
            for (int i = 0; i < capture.Classes.Count; i++)
            {
                _overlay.SetCapture(i, capture.Classes[i], capture.Count(i));
            }

            if (capture.LastError is { } error && !ReferenceEquals(error, _shownError))
            {
                _shownError = error;
                _overlay.ShowStatus(error, isError: true, StatusTime);
            }
        }
    }

    private void HandleKeys(GlfwWindow window, ModelReloader reloader)
    {
        while (window.TryReadKey(out var press))
        {
            switch (press.Key)
            {
                case >= Key.D1 and <= Key.D9:
                    if (SaveShown(press.Key))
                    {
                        // Held on, the key keeps saving at the burst rate (see Burst).
                        _burstKey = press.Key;
                        _burstLastSaved = _shown!.Timestamp;
                    }

                    break;
                case Key.Space:
                    _paused = !_paused;
                    break;
                case Key.S:
                    _screenshotRequested = true;
                    break;
                case Key.O:
                    _overlayOn = !_overlayOn;
                    break;
                case Key.R:
                    reloader.RequestReload();
                    _overlay.ShowStatus("reloading the model…", isError: false, TimeSpan.FromSeconds(2));
                    break;
                case Key.T when Training is not null:
                    if (!Training.TryStart())
                    {
                        _overlay.ShowStatus("training is already running", isError: false, TimeSpan.FromSeconds(2));
                    }

                    break;
                case Key.Q or Key.Escape:
                    window.RequestClose();
                    break;
            }
        }
    }

    private bool SaveShown(Key key)
    {
        int index = key - Key.D1;
        if (_shown is null || Capture is null || !Capture.TrySave(_shown, index))
        {
            return false;
        }

        _overlay.ShowStatus($"saved frame to {Capture.Classes[index]}", isError: false, TimeSpan.FromSeconds(1));
        return true;
    }

    private void Burst(GlfwWindow window, bool newFrame)
    {
        // Paced by stream time, so a held key saves the same frames whatever the render rate (and headless runs).
        if (_burstKey is not { } key || !newFrame)
        {
            return;
        }

        bool held = ScriptedHeldKey is null ? window.IsKeyDown(key) : ScriptedHeldKey(FramesDisplayed) == key;
        if (!held)
        {
            _burstKey = null;
            return;
        }

        if (_shown!.Timestamp - _burstLastSaved >= TimeSpan.FromSeconds(1 / _options.BurstRate) && SaveShown(key))
        {
            _burstLastSaved = _shown.Timestamp;
        }
    }

    private void SaveScreenshots(OffscreenCapture readBack, GlfwWindow window, bool newFrame)
    {
        bool periodic = newFrame && _options.ScreenshotEvery > 0 && FramesDisplayed % _options.ScreenshotEvery == 0;
        if (!periodic && !_screenshotRequested)
        {
            return;
        }

        _screenshotRequested = false;
        Directory.CreateDirectory(_options.ScreenshotFolder);
        string path = Path.Combine(_options.ScreenshotFolder, string.Create(CultureInfo.InvariantCulture, $"frame-{FramesDisplayed:D6}.png"));
        readBack.SavePng(path, window.FramebufferWidth, window.FramebufferHeight);
    }

    private string TemporaryVideoPath()
    {
        string output = Path.GetFullPath(_options.OutputVideo ?? throw new InvalidOperationException("A headless run needs an output video."));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        return Labelling.LabelOutputPaths.TemporaryFor(output);
    }

    private static double SourceFps(CapturePump pump) => pump.Source.NominalFps > 0 ? pump.Source.NominalFps : 30;

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Reported by the caller from the task's state.
        }
    }
}
