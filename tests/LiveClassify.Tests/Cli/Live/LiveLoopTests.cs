using LiveClassify.Capture.IO;
using LiveClassify.Cli.Live;
using LiveClassify.Core.Frames;
using LiveClassify.Inference;
using LiveClassify.Render.Windowing;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Live;

/// <summary>The live loop end to end, offscreen under Xvfb: a video of red then green through the colour model.</summary>
[Collection(OpenGLCollection.Name)]
public sealed class LiveLoopTests : IDisposable
{
    private const int FramesPerColour = 12;
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _video;

    public LiveLoopTests()
    {
        TestDisplay.Require();
        _model = _folder.Combine("colours.onnx");
        ColourModel.Write(_model);
        _video = ColourVideo.Write(_folder.Combine("red-green.mp4"), [ColourVideo.Red, ColourVideo.Green], FramesPerColour);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_headless_run_writes_every_frame_with_the_overlay_and_releases_everything()
    {
        var loop = new LiveLoop(Options(), TextWriter.Null);

        int exit = loop.Run(TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(2 * FramesPerColour, loop.FramesDisplayed);
        Assert.Equal(0, loop.FramesOutstanding);
        Assert.Equal(0, loop.GlObjectsAlive);
        var pool = new FramePool();
        using var written = LiveClassify.Capture.Sources.FrameSources.Open(LiveClassify.Capture.Sources.SourceSpec.VideoFile(_folder.Combine("out.mp4")));
        Assert.Equal(320, written.Width);
        Assert.Equal(240, written.Height);
        int frames = 0;
        while (!written.EndOfStream)
        {
            if (written.TryRead(pool, out var frame))
            {
                frames++;
                frame!.Release();
            }
        }

        Assert.Equal(2 * FramesPerColour, frames);
    }

    [Fact]
    public void Each_frame_waits_for_its_own_prediction_in_a_headless_run()
    {
        var loop = new LiveLoop(Options(), TextWriter.Null);

        loop.Run(TestContext.Current.CancellationToken);

        Assert.InRange(loop.AgeFrames.Percentile(0.95), -1, 0);
    }

    [Fact]
    public void Number_keys_save_the_shown_frame_into_that_class_folder()
    {
        var loop = new LiveLoop(Options(), TextWriter.Null)
        {
            ScriptedKeys = frame => frame switch
            {
                3 => new KeyPress(Key.D1, KeyModifiers.None),
                FramesPerColour + 3 => new KeyPress(Key.D2, KeyModifiers.None),
                _ => null,
            },
        };

        loop.Run(TestContext.Current.CancellationToken);

        var pool = new FramePool();
        string red = Assert.Single(Directory.GetFiles(_folder.Combine("dataset", "red")));
        string green = Assert.Single(Directory.GetFiles(_folder.Combine("dataset", "green")));
        Assert.False(Directory.Exists(_folder.Combine("dataset", "blue")), "no key was pressed for blue");
        var saved = ImageCodec.ReadImage(red, pool);
        Assert.Equal((64, 48), (saved.Width, saved.Height));
        Assert.True(saved.Pixels[2] > 200 && saved.Pixels[1] < 60, "the red class got a red frame");
        saved.Release();
        saved = ImageCodec.ReadImage(green, pool);
        Assert.True(saved.Pixels[1] > 200 && saved.Pixels[2] < 60, "the green class got a green frame");
        saved.Release();
    }

    [Fact]
    public void A_thousand_frames_leave_resident_memory_steady()
    {
        // A soak, native side included: decoded frames, the session, texture and overlay uploads, read-back, the
        // output video. A 320x240 frame is 230 KB, so one leaked per frame would add over 200 MB after the warm-up;
        // allocator caches and the JIT stay well inside 48 MB.
        const int framesPerColour = 400;
        const int warmUpFrames = 200;
        const long allowedGrowth = 48L * 1024 * 1024;
        string video = ColourVideo.Write(_folder.Combine("soak.mp4"), [ColourVideo.Red, ColourVideo.Green, ColourVideo.Blue],
            framesPerColour, fps: 30, width: 320, height: 240);
        int predictions = 0;
        long afterWarmUp = 0;
        long atEnd = 0;
        var loop = new LiveLoop(Options() with { Source = video }, TextWriter.Null)
        {
            PredictionObserver = (_, _) =>
            {
                if (++predictions == warmUpFrames)
                {
                    afterWarmUp = ProcessMemory.ResidentBytes();
                }

                atEnd = ProcessMemory.ResidentBytes();
            },
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));

        Assert.Equal(3 * framesPerColour, loop.FramesDisplayed);
        long growth = atEnd - afterWarmUp;
        Assert.True(growth < allowedGrowth, $"resident memory grew by {growth / 1024 / 1024} MB over {predictions - warmUpFrames} frames");
        Assert.Equal((0, 0), (loop.FramesOutstanding, loop.GlObjectsAlive));
    }

    [Fact]
    public void Q_stops_the_loop_cleanly()
    {
        var loop = new LiveLoop(Options(), TextWriter.Null)
        {
            ScriptedKeys = frame => frame == 4 ? new KeyPress(Key.Q, KeyModifiers.None) : null,
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));

        Assert.InRange(loop.FramesDisplayed, 4, 6);
        Assert.Equal(0, loop.FramesOutstanding);
        Assert.Equal(0, loop.GlObjectsAlive);
    }

    [Fact]
    public void A_window_redraws_no_faster_than_a_display_refreshes()
    {
        // A 2 fps source leaves the window idle most of the time; Xvfb ignores vsync, so only the pacer limits it
        // (to 1.2x the refresh rate; 240 Hz is the fastest display this allows for). Unpaced, it redraws hundreds of times a second.
        var options = Options() with
        {
            Source = "synthetic:color-bars?w=64&h=48&fps=2",
            Headless = false,
            OutputVideo = null,
            Duration = TimeSpan.FromSeconds(1.5),
        };
        var loop = new LiveLoop(options, TextWriter.Null);

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));

        Assert.InRange(loop.RedrawsPerSecond, 1, 1.2 * 240);
        Assert.Equal(0, loop.FramesOutstanding);
    }

    [Fact]
    public void A_model_that_does_not_load_stops_before_opening_anything()
    {
        File.WriteAllText(_folder.Combine("broken.onnx"), "not a model");

        Assert.Throws<ModelLoadException>(() => new LiveLoop(Options() with { ModelPath = _folder.Combine("broken.onnx") }, TextWriter.Null)
            .Run(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_live_command_runs_headless_without_screenshot_options()
    {
        using var error = new StringWriter();
        var config = new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = error };
        string[] args = ["live", "--headless", "--source", _video, "--model", _model, "--out", _folder.Combine("cli.mp4"), "--window", "320x240", "--threads", "1"];

        int exit = await LiveClassify.Cli.CliApp.Create().Parse(args).InvokeAsync(config, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error.ToString());
        Assert.True(File.Exists(_folder.Combine("cli.mp4")));
    }

    private LiveOptions Options() => new()
    {
        Source = _video,
        ModelPath = _model,
        Classifier = new ClassifierOptions { Threads = 1 },
        Dataset = _folder.Combine("dataset"),
        Headless = true,
        OutputVideo = _folder.Combine("out.mp4"),
        Width = 320,
        Height = 240,
        WatchModel = false,
    };
}
