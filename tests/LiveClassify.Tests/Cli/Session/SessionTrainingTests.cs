using LiveClassify.Cli.Live;
using LiveClassify.Cli.Session;
using LiveClassify.Core.Labels;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference;
using LiveClassify.Render.Windowing;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>The T key of a session with a stand-in trainer: a failed run keeps the model, a good one is swapped in.</summary>
[Collection(OpenGLCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SessionTrainingTests : IDisposable
{
    private const string Source = "synthetic:color-bars?w=64&h=48&fps=30";
    private readonly TempFolder _folder = new();
    private readonly string _model;

    public SessionTrainingTests()
    {
        TestDisplay.Require();
        _model = _folder.Combine("live", "model.onnx");
        Directory.CreateDirectory(_folder.Combine("live"));
        ColourModel.Write(_model);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_failed_training_keeps_the_running_model_and_shows_why()
    {
        string trainer = Script("fail.sh", "echo 'epoch 1/3 loss 1.20'\necho 'train: out of memory' >&2\nexit 1");
        var training = new TrainingProcess(_folder.Combine("dataset"), _model, [], trainer);
        byte[] before = File.ReadAllBytes(_model);

        var loop = RunUntil(training, l => training.Runs == 1 && training.Completion.IsCompleted);

        Assert.Equal(0, loop.ModelSwaps);
        Assert.True(training.StatusIsError);
        Assert.Contains("out of memory", training.Status, StringComparison.Ordinal);
        Assert.Contains("keeping the running model", training.Status, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_model));
        Assert.Equal(0, loop.FramesOutstanding);
    }

    [Fact]
    public void A_trained_model_is_swapped_in_while_frames_keep_flowing()
    {
        string trained = _folder.Combine("trained.onnx");
        ColourModel.Write(trained);
        string arguments = _folder.Combine("arguments.txt");
        string trainer = Script("ok.sh", $"""
            echo "$@" > '{arguments}'
            while [ $# -gt 0 ]; do [ "$1" = --out ] && out=$2; shift; done
            echo 'epoch 1/2 loss 0.50'
            sleep 0.3
            echo 'epoch 2/2 loss 0.20'
            cp '{trained}' "$out"
            """);
        var training = new TrainingProcess(_folder.Combine("dataset"), _model, ["--epochs", "2"], trainer);
        long framesAtSwap = -1;

        var loop = RunUntil(training, l =>
        {
            if (l.ModelSwaps > 0 && framesAtSwap < 0)
            {
                framesAtSwap = l.FramesDisplayed;
            }

            return framesAtSwap >= 0 && l.FramesDisplayed > framesAtSwap + 30;
        });

        Assert.Equal(1, loop.ModelSwaps);
        Assert.Equal(1, training.Succeeded);
        Assert.Equal(1, loop.TrainToLiveSeconds.Count);
        TestContext.Current.TestOutputHelper?.WriteLine($"T to live: {loop.TrainToLiveSeconds.Percentile(0.5):0.00} s");
        Assert.False(training.StatusIsError, training.Status);
        // The colour model is not a MobileNetV2 the importer can start from, so the run trains every layer afresh.
        Assert.Equal(
            $"train {_folder.Combine("dataset")} --out {_folder.Combine("dataset", "_models", "model-1.onnx")} --fine-tune all --epochs 2",
            File.ReadAllText(arguments).Trim());
        Assert.Equal(File.ReadAllBytes(trained), File.ReadAllBytes(_model));
        Assert.Equal(0, loop.FramesOutstanding);
    }

    [Fact]
    public void A_session_without_a_model_captures_and_its_first_training_brings_one_in()
    {
        string trained = _folder.Combine("trained.onnx");
        ColourModel.Write(trained);
        string trainer = Script("ok.sh", $"""
            while [ $# -gt 0 ]; do [ "$1" = --base ] && exit 3; [ "$1" = --out ] && out=$2; shift; done
            cp '{trained}' "$out"
            """);
        string current = _folder.Combine("dataset", "_models", "current.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(current)!);
        var training = new TrainingProcess(_folder.Combine("dataset"), current, [], trainer);
        long framesAtSwap = -1;

        var loop = RunUntil(training, l =>
        {
            if (l.ModelSwaps > 0 && framesAtSwap < 0)
            {
                framesAtSwap = l.FramesDisplayed;
            }

            return framesAtSwap >= 0 && l.FramesDisplayed > framesAtSwap + 10;
        }, options => options with { ModelPath = current, ModelMayBeMissing = true, Classes = ["red", "green", "blue"] },
        frame => frame == 1 ? new KeyPress(Key.D2, KeyModifiers.None) : null);

        Assert.Equal(1, loop.ModelSwaps);
        Assert.False(training.StatusIsError, training.Status);
        Assert.Single(Directory.GetFiles(_folder.Combine("dataset", "green")));
        Assert.Equal(0, loop.FramesOutstanding);
    }

    private LiveLoop RunUntil(TrainingProcess training, Func<LiveLoop, bool> done,
        Func<LiveOptions, LiveOptions>? adjust = null, Func<long, KeyPress?>? keys = null)
    {
        LiveLoop? loop = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var options = new LiveOptions
        {
            Source = Source,
            ModelPath = _model,
            Classifier = new ClassifierOptions { Threads = 1 },
            Dataset = _folder.Combine("dataset"),
            Headless = true,
            OutputVideo = _folder.Combine("out.mp4"),
            Width = 160,
            Height = 120,
        };
        loop = new LiveLoop(adjust?.Invoke(options) ?? options, TextWriter.Null)
        {
            Training = training,
            ScriptedKeys = frame =>
                keys?.Invoke(frame) is { } key ? key
                : frame == 2 ? new KeyPress(Key.T, KeyModifiers.None)
                : frame > 2 && (done(loop!) || DateTime.UtcNow > deadline) ? new KeyPress(Key.Q, KeyModifiers.None)
                : null,
        };

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));
        Assert.True(DateTime.UtcNow <= deadline, "the condition was not reached within a minute");
        return loop;
    }

    [Fact]
    public async Task A_pretrained_starting_model_stays_the_base_of_every_run_even_after_it_is_replaced()
    {
        string current = _folder.Combine("current.onnx");
        File.Copy(TestData.Fixture("mobilenetv2_w035_c10_folded.onnx"), current);

        var (arguments, trained) = await TrainWithRecordingTrainer(current, runs: 2);

        string kept = _folder.Combine("dataset", "_models", "base.onnx");
        Assert.Equal(2, arguments.Length);
        Assert.All(arguments, line => Assert.Contains($"--base {kept} --fine-tune 0", line, StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(TestData.Fixture("mobilenetv2_w035_c10_folded.onnx")), File.ReadAllBytes(kept));
        Assert.Equal(File.ReadAllBytes(trained), File.ReadAllBytes(current));
    }

    [Fact]
    public async Task A_starting_model_that_train_wrote_is_the_base_of_the_runs_too()
    {
        string current = _folder.Combine("current.onnx");
        var spec = new PreprocessSpec(96, 96, ResizeMode.Crop, ColorOrder.Rgb, Normalization.Tf, TensorLayout.Nchw, TensorElementType.Float32);
        using (var model = new MobileNetV2Classifier(MobileNetV2Architecture.Create(0.35), new HeadSpec(3, [])))
        {
            OnnxExporter.Export(model, new OnnxExportOptions(spec, new LabelMap(["a", "b", "c"])), current);
        }

        byte[] exported = File.ReadAllBytes(current);

        var (arguments, _) = await TrainWithRecordingTrainer(current, runs: 1);

        string kept = _folder.Combine("dataset", "_models", "base.onnx");
        Assert.Contains($"--base {kept} --fine-tune 0", Assert.Single(arguments), StringComparison.Ordinal);
        Assert.Equal(exported, File.ReadAllBytes(kept));
    }

    /// <summary>
    /// Presses T <paramref name="runs"/> times over a session that started from <paramref name="startingModel"/>, with a
    /// trainer that records its arguments and writes a colour model; returns one argument line per run and that model.
    /// </summary>
    private async Task<(string[] Arguments, string Trained)> TrainWithRecordingTrainer(string startingModel, int runs)
    {
        string arguments = _folder.Combine("arguments.txt");
        string trained = _folder.Combine("trained.onnx");
        ColourModel.Write(trained);
        string trainer = Script("record.sh", $"""
            echo "$@" >> '{arguments}'
            while [ $# -gt 0 ]; do [ "$1" = --out ] && out=$2; shift; done
            cp '{trained}' "$out"
            """);
        var training = new TrainingProcess(_folder.Combine("dataset"), startingModel, [], trainer);
        for (int run = 0; run < runs; run++)
        {
            Assert.True(training.TryStart());
            await training.Completion;
        }

        return (File.ReadAllLines(arguments), trained);
    }

    private string Script(string name, string body)
    {
        string path = _folder.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
