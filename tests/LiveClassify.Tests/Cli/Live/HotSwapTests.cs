using System.Threading.Channels;
using LiveClassify.Cli.Live;
using LiveClassify.Core.Frames;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Live;

/// <summary>The inference stage swaps models between frames: never dropping one, never stopping on a bad file.</summary>
public sealed class HotSwapTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FramePool _pool = new();
    private readonly string _model;

    public HotSwapTests()
    {
        _model = _folder.Combine("colours.onnx");
        ColourModel.Write(_model);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Fifty_swaps_while_streaming_lose_no_frame_and_leave_the_last_model_running()
    {
        var frames = Channel.CreateBounded<FrameBuffer>(new BoundedChannelOptions(4) { SingleReader = true });
        using var reloader = new ModelReloader(_model, new ClassifierOptions { Threads = 1 }, firstGeneration: 0, watch: false);
        using var worker = InferenceWorker.Start(frames.Reader, _model, new ClassifierOptions { Threads = 1 }, reloader);
        var first = worker.Classifier!;
        long fed = 0;
        for (int swap = 0; swap < 50; swap++)
        {
            reloader.RequestReload();
            while (!reloader.IsIdle || HasPending(reloader))
            {
                await frames.Writer.WriteAsync(Frame(fed++), TestContext.Current.CancellationToken);
            }
        }

        await frames.Writer.WriteAsync(Frame(fed++), TestContext.Current.CancellationToken);
        frames.Writer.Complete();
        await worker.Completion;

        Assert.Equal(fed, worker.Classified);
        Assert.Equal(first.ModelGeneration + 50, worker.Classifier!.ModelGeneration);
        Assert.Equal(50, reloader.Loaded);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public async Task A_half_written_model_keeps_the_old_one_running_and_says_why()
    {
        var frames = Channel.CreateUnbounded<FrameBuffer>();
        using var reloader = new ModelReloader(_model, new ClassifierOptions { Threads = 1 }, firstGeneration: 0, watch: true);
        using var worker = InferenceWorker.Start(frames.Reader, _model, new ClassifierOptions { Threads = 1 }, reloader);
        var first = worker.Classifier!;
        byte[] whole = File.ReadAllBytes(_model);

        File.WriteAllBytes(_model, whole[..(whole.Length / 2)]);
        await WaitUntil(() => reloader.Failed > 0);
        await reloader.WaitIdleAsync();
        frames.Writer.TryWrite(Frame(0));
        frames.Writer.Complete();
        await worker.Completion;

        Assert.Same(first, worker.Classifier);
        Assert.Equal(1, worker.Classified);
        Assert.Contains("keeping the running one", reloader.LastError!.Value.Message, StringComparison.Ordinal);
        Assert.Contains("colours.onnx", reloader.LastError!.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_replaced_by_rename_is_picked_up_by_the_watcher()
    {
        var frames = Channel.CreateUnbounded<FrameBuffer>();
        using var reloader = new ModelReloader(_model, new ClassifierOptions { Threads = 1 }, firstGeneration: 0, watch: true);
        using var worker = InferenceWorker.Start(frames.Reader, _model, new ClassifierOptions { Threads = 1 }, reloader);
        var first = worker.Classifier!;
        string replacement = _folder.Combine(".colours.onnx.tmp");
        ColourModel.Write(replacement);

        File.Move(replacement, _model, overwrite: true);
        await WaitUntil(() => reloader.Loaded > 0);
        await reloader.WaitIdleAsync();
        frames.Writer.TryWrite(Frame(0));
        frames.Writer.Complete();
        await worker.Completion;

        Assert.Equal(first.ModelGeneration + 1, worker.Classifier!.ModelGeneration);
    }

    private static bool HasPending(ModelReloader reloader) => reloader.PendingReady;

    private FrameBuffer Frame(long index)
    {
        var frame = _pool.Rent(32, 32);
        frame.Pixels.Fill((byte)(index % 255));
        frame.FrameIndex = index;
        return frame;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out");
    }
}
