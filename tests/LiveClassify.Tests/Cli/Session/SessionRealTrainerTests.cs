using LiveClassify.Cli.Live;
using LiveClassify.Cli.Session;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference;
using LiveClassify.Render.Windowing;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>
/// The T key of a session with the real trainer (this build's own <c>liveclassify train</c> in a child process):
/// frames captured from three sources train a head on a pretrained MobileNetV2, and the result is swapped in while
/// the session keeps running. The opt-in benchmark times it at the size the issue asks for.
/// </summary>
[Collection(OpenGLCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SessionRealTrainerTests : IDisposable
{
    private static readonly string[] Classes = ["shapes", "bars", "counter"];
    private readonly TempFolder _folder = new();

    public SessionRealTrainerTests() =>
        TestDisplay.Require();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_real_trainer_turns_captured_frames_into_a_model_that_is_swapped_in()
    {
        var (loop, training) = CaptureThenTrain(
            perClass: 12, frameWidth: 160, frameHeight: 120, baseModel: "mobilenetv2_w035_c10_folded.onnx",
            ["--preprocess", "tf", "--size", "96", "--epochs", "3", "--batch", "8"]);

        Assert.False(training.StatusIsError, training.Status);
        Assert.Equal(1, loop.ModelSwaps);
        using var swappedIn = OnnxClassifier.Open(_folder.Combine("session", "model.onnx"), new ClassifierOptions { Threads = 1 });
        Assert.Equal(Classes.Order(StringComparer.Ordinal), swappedIn.Contract.Labels.Names);
        Assert.Equal(0, loop.FramesOutstanding);
    }

    [Fact]
    [Trait("Category", "Benchmark")]
    public void Time_from_T_to_live_for_three_classes_of_a_hundred_frames_head_only()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCH") == "1", "Set LIVECLASSIFY_BENCH=1 to time T-to-live with the real trainer.");

        // The full-width network at 224 px: the size of the ImageNet model `models pull mobilenetv2` fetches.
        var (loop, training) = CaptureThenTrain(
            perClass: 100, frameWidth: 640, frameHeight: 480, baseModel: "mobilenetv2_w100_c10_folded.onnx", ["--preprocess", "tf"]);

        Assert.False(training.StatusIsError, training.Status);
        string line = $"T to live, 3 classes x 100 frames, head-only on MobileNetV2 1.0 at 224 px: {loop.TrainToLiveSeconds.Percentile(0.5):0.0} s";
        Console.Error.WriteLine(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    private (LiveLoop Loop, TrainingProcess Training) CaptureThenTrain(int perClass, int frameWidth, int frameHeight, string baseModel, string[] trainOptions)
    {
        string dataset = _folder.Combine("dataset");
        string[] sources = ["moving-shapes", "color-bars", "counter"];
        for (int i = 0; i < Classes.Length; i++)
        {
            var capture = new HeadlessCapture($"synthetic:{sources[i]}?w={frameWidth}&h={frameHeight}&fps=30", dataset, Classes[i], perClass, TimeSpan.Zero);
            Assert.Equal(0, capture.Run(TextWriter.Null, TestContext.Current.CancellationToken));
        }

        string model = _folder.Combine("session", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.Copy(TestData.Fixture(baseModel), model);
        var training = new TrainingProcess(dataset, model, trainOptions, Path.Combine(AppContext.BaseDirectory, "liveclassify"));

        LiveLoop? loop = null;
        long framesAtSwap = -1;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        loop = new LiveLoop(
            new LiveOptions
            {
                Source = "synthetic:moving-shapes?w=160&h=120&fps=30",
                ModelPath = model,
                // The fixtures carry no contract: their inputs were scaled x/127.5 - 1 and they have no class names.
                Classifier = new ClassifierOptions
                {
                    Threads = 1,
                    Overrides = new PartialModelContract { Normalization = Normalization.Tf },
                    GenericLabelsWhenMissing = true,
                },
                // As the session command does: the trained models carry their own contract.
                ReloadClassifier = new ClassifierOptions { Threads = 1 },
                Dataset = dataset,
                Headless = true,
                OutputVideo = _folder.Combine("session.mp4"),
                Width = 160,
                Height = 120,
            },
            TextWriter.Null)
        {
            Training = training,
            ScriptedKeys = frame =>
            {
                if (loop!.ModelSwaps > 0 && framesAtSwap < 0)
                {
                    framesAtSwap = frame;
                }

                bool done = framesAtSwap >= 0 && frame > framesAtSwap + 10;
                return frame == 2 ? new KeyPress(Key.T, KeyModifiers.None)
                    : frame > 2 && (done || DateTime.UtcNow > deadline || training is { IsRunning: false, StatusIsError: true }) ? new KeyPress(Key.Q, KeyModifiers.None)
                    : null;
            },
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));
        return (loop, training);
    }
}
