using LiveClassify.Cli.Live;
using LiveClassify.Inference;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Live;

/// <summary>
/// A soak of the live loop, native side included: the capture thread's decoded frames, the inference session, the
/// frame texture and overlay uploads, the read-back and the output video. Over a thousand frames of one headless run
/// the process's resident memory must stay where the first frames put it.
/// </summary>
[Collection(OpenGLCollection.Name)]
public sealed class LiveLoopSoakTests : IDisposable
{
    private const int FramesPerColour = 400;
    private const int WarmUpFrames = 200;

    // A 320x240 frame is 230 KB: one leaked per frame (a texture upload, a decoded frame, a read-back) would add over
    // 200 MB after the warm-up. Allocator caches and the JIT stay well inside this.
    private const long AllowedGrowth = 48L * 1024 * 1024;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_thousand_frames_leave_resident_memory_steady()
    {
        TestDisplay.Require();
        string model = _folder.Combine("colours.onnx");
        ColourModel.Write(model);
        string video = ColourVideo.Write(_folder.Combine("soak.mp4"), [ColourVideo.Red, ColourVideo.Green, ColourVideo.Blue],
            FramesPerColour, fps: 30, width: 320, height: 240);
        int predictions = 0;
        long afterWarmUp = 0;
        long atEnd = 0;
        var loop = new LiveLoop(new LiveOptions
        {
            Source = video,
            ModelPath = model,
            Classifier = new ClassifierOptions { Threads = 1 },
            Dataset = _folder.Combine("dataset"),
            Headless = true,
            OutputVideo = _folder.Combine("out.mp4"),
            Width = 320,
            Height = 240,
            WatchModel = false,
        }, TextWriter.Null)
        {
            PredictionObserver = (_, _) =>
            {
                if (++predictions == WarmUpFrames)
                {
                    afterWarmUp = ProcessMemory.ResidentBytes();
                }

                atEnd = ProcessMemory.ResidentBytes();
            },
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));

        Assert.Equal(3 * FramesPerColour, loop.FramesDisplayed);
        long growth = atEnd - afterWarmUp;
        Assert.True(growth < AllowedGrowth, $"resident memory grew by {growth / 1024 / 1024} MB over {predictions - WarmUpFrames} frames");
        Assert.Equal((0, 0), (loop.FramesOutstanding, loop.GlObjectsAlive));
    }
}
