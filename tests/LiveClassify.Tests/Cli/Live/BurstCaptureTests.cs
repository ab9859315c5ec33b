using LiveClassify.Cli.Live;
using LiveClassify.Inference;
using LiveClassify.Render.Windowing;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Live;

/// <summary>Number keys: a tap saves one frame, a held key saves a burst at the burst rate of stream time.</summary>
[Collection(OpenGLCollection.Name)]
public sealed class BurstCaptureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public BurstCaptureTests() =>
        TestDisplay.Require();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Holding_a_key_for_two_seconds_at_ten_fps_saves_about_twenty_frames_and_a_tap_saves_one()
    {
        string model = _folder.Combine("colours.onnx");
        ColourModel.Write(model);
        var loop = new LiveLoop(new LiveOptions
        {
            Source = "synthetic:color-bars?w=64&h=48&fps=30&frames=90",
            ModelPath = model,
            Classifier = new ClassifierOptions { Threads = 1 },
            Dataset = _folder.Combine("dataset"),
            Headless = true,
            OutputVideo = _folder.Combine("out.mp4"),
            Width = 160,
            Height = 120,
            WatchModel = false,
            BurstRate = 10,
        }, TextWriter.Null)
        {
            ScriptedKeys = frame => frame switch
            {
                1 => new KeyPress(Key.D1, KeyModifiers.None),
                70 => new KeyPress(Key.D2, KeyModifiers.None),
                _ => null,
            },
            ScriptedHeldKey = frame => frame <= 60 ? Key.D1 : null,
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));

        // The press saves the frame at 0 s; the hold one more every 0.1 s of stream time up to 2 s.
        Assert.InRange(Directory.GetFiles(_folder.Combine("dataset", "red")).Length, 20, 22);
        Assert.Single(Directory.GetFiles(_folder.Combine("dataset", "green")));
        Assert.Equal(0, loop.FramesOutstanding);
    }
}
