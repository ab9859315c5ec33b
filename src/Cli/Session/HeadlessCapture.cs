using LiveClassify.Capture.Pumping;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Session;

/// <summary>
/// <c>liveclassify capture</c>: frames from a source, through the capture pump, saved into one class folder of a
/// dataset with the same atomic, never-overwriting writes as the number keys of the live window.
/// </summary>
/// <remarks>
/// A failed write (a full disk) stops the capture: every image already saved is complete, and the one that failed
/// left nothing behind but, at worst, a hidden temporary file that dataset scans ignore.
/// </remarks>
public sealed class HeadlessCapture
{
    private readonly string _folder;
    private readonly string _label;
    private readonly string _source;
    private readonly long? _count;
    private readonly TimeSpan _interval;

    /// <summary>Validates the label (before anything is opened) and prepares the capture.</summary>
    /// <param name="source">The frame source as typed.</param>
    /// <param name="dataset">The dataset folder.</param>
    /// <param name="label">The class, validated here.</param>
    /// <param name="count">Images to save, or null for all.</param>
    /// <param name="interval">Least stream time between two saved frames (zero or more).</param>
    /// <exception cref="ArgumentException">The label is empty, too long, or could escape the dataset folder.</exception>
    public HeadlessCapture(string source, string dataset, string label, long? count, TimeSpan interval)
    {
        _label = DatasetLabel.Problem(label) is { } problem ? throw new ArgumentException($"--label: {problem}.") : label;
        if (count is < 1)
        {
            throw new ArgumentException($"--count {count} must be at least 1.");
        }

        _folder = DatasetLabel.FolderOf(dataset, _label);
        _source = source;
        _count = count;
        _interval = interval;
    }

    /// <summary>Images written by <see cref="Run"/>.</summary>
    public long Saved { get; private set; }

    /// <summary>The class folder images go into.</summary>
    public string Folder => _folder;

    /// <summary>Captures until the count is reached, the source ends, or <paramref name="cancellation"/>; returns the exit code.</summary>
    public int Run(TextWriter log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(log);
        var spec = SourceSpec.Parse(_source);
        var pool = new FramePool();

        // A file is read as fast as frames can be written, none dropped; a camera runs at its own pace.
        var pacing = spec.IsLive ? CapturePacing.RealTime : CapturePacing.AsFastAsPossible;
        using var pump = CapturePump.Create(spec, pool, null, new CapturePumpOptions { Pacing = pacing, QueueCapacity = 4 });
        var frames = pump.AddConsumer("capture").Reader;
        pump.Start();
        TimeSpan? lastKept = null;
        try
        {
            while (!cancellation.IsCancellationRequested && (_count is not { } wanted || Saved < wanted))
            {
                if (!frames.TryRead(out var frame))
                {
                    if (!WaitForFrame(frames, cancellation))
                    {
                        break;
                    }

                    continue;
                }

                try
                {
                    if (lastKept is { } last && frame.Timestamp - last < _interval)
                    {
                        continue;
                    }

                    DatasetWriter.SavePng(_folder, frame);
                    lastKept = frame.Timestamp;
                    Saved++;
                }
                catch (IOException e)
                {
                    log.WriteLine($"liveclassify capture: {DatasetWriter.Describe(e, _label)}; stopped after {Saved} images in {_folder}");
                    return 1;
                }
                finally
                {
                    frame.Release();
                }
            }
        }
        finally
        {
            pump.Stop();
        }

        if (pump.Completion.IsFaulted)
        {
            log.WriteLine($"liveclassify capture: {pump.Completion.Exception!.GetBaseException().Message}; {Saved} images saved in {_folder}");
            return 1;
        }

        return 0;
    }

    private static bool WaitForFrame(System.Threading.Channels.ChannelReader<FrameBuffer> frames, CancellationToken cancellation)
    {
        try
        {
            return frames.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
