using LiveClassify.Cli.Labelling;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Labelling;

/// <summary>
/// A soak of the whole labelling path, native side included: decoding (OpenCV's capture and its frames), the parallel
/// classifier's sessions and tensors, and the annotated video's writer. Thousands of frames must leave the process's
/// resident memory where the first passes put it.
/// </summary>
[Collection(MemorySoakCollection.Name)]
public sealed class LabelSoakTests : IDisposable
{
    private const int WarmUpPasses = 3;
    private const int MeasuredPasses = 15;
    private const int FramesPerPass = 3 * 100;

    // A decoded 320x240 frame is 230 KB: one leaked per frame would add 1 GB over the measured passes, one leaked
    // capture or writer per pass several MB each. Allocator caches and the JIT stay well inside this.
    private const long AllowedGrowth = 48L * 1024 * 1024;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Thousands_of_labelled_frames_leave_resident_memory_steady()
    {
        string model = _folder.Combine("colours.onnx");
        ColourModel.Write(model);
        string video = ColourVideo.Write(_folder.Combine("soak.mp4"), [ColourVideo.Red, ColourVideo.Green, ColourVideo.Blue],
            framesPerColour: FramesPerPass / 3, fps: 30, width: 320, height: 240);
        using var classifier = ParallelClassifier.Open(model, new ClassifierOptions { Threads = 1 }, new ThroughputPlan(Workers: 2, Batch: 4));
        var job = new LabelJob(classifier, new LabelJobOptions { OutputFolder = _folder.Combine("out"), Annotate = true, Force = true });
        Directory.CreateDirectory(_folder.Combine("out"));

        void Pass()
        {
            var outcome = job.Run(video, _ => new LabelProgress(TextWriter.Null, interactive: false, "", null), TestContext.Current.CancellationToken);
            Assert.Equal(FramesPerPass, outcome.Summary!.FramesClassified);
        }

        for (int i = 0; i < WarmUpPasses; i++)
        {
            Pass();
        }

        long before = ProcessMemory.ResidentBytes();
        for (int i = 0; i < MeasuredPasses; i++)
        {
            Pass();
        }

        long growth = ProcessMemory.ResidentBytes() - before;
        Assert.True(growth < AllowedGrowth, $"resident memory grew by {growth / 1024 / 1024} MB over {MeasuredPasses * FramesPerPass} frames");
        Assert.Equal(0, job.FramesOutstanding);
    }
}
