using LiveClassify.Cli.Session;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Live;

/// <summary>
/// Saves frames into <c>DATASET/CLASS/</c> when a number key is pressed: full resolution, lossless PNG, written
/// atomically under a name no other session uses, off the render thread so the window never stutters.
/// </summary>
public sealed class DatasetCapture
{
    private readonly string _root;
    private readonly string[] _classes;
    private readonly int[] _counts;
    private int _pendingWrites;

    /// <summary>Prepares capture into <paramref name="root"/> for up to nine <paramref name="classes"/>.</summary>
    /// <exception cref="ArgumentException">A class name is empty, too long, or could escape the dataset folder.</exception>
    public DatasetCapture(string root, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        _root = Path.GetFullPath(root);
        _classes = [.. classes.Take(9).Select(DatasetLabel.Validate)];
        _counts = [.. _classes.Select(name => CountExisting(DatasetLabel.FolderOf(_root, name)))];
    }

    /// <summary>Class names in key order (key 1 is index 0).</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>Images in each class folder, including those saved before this session.</summary>
    public int Count(int index) => Volatile.Read(ref _counts[index]);

    /// <summary>The last write failure (a full disk, a permission), for the overlay; cleared by a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Writes not finished yet.</summary>
    public int PendingWrites => Volatile.Read(ref _pendingWrites);

    /// <summary>Saves <paramref name="frame"/> (retained until written) as an image of class <paramref name="index"/>.</summary>
    public bool TrySave(FrameBuffer frame, int index)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (index < 0 || index >= _classes.Length)
        {
            return false;
        }

        frame.Retain();
        Interlocked.Increment(ref _pendingWrites);
        _ = Task.Run(() => Write(frame, index));
        return true;
    }

    /// <summary>Waits until every save has been written (shutdown and tests).</summary>
    public void Flush()
    {
        SpinWait.SpinUntil(() => PendingWrites == 0, TimeSpan.FromSeconds(30));
    }

    private void Write(FrameBuffer frame, int index)
    {
        try
        {
            DatasetWriter.SavePng(DatasetLabel.FolderOf(_root, _classes[index]), frame);
            Interlocked.Increment(ref _counts[index]);
            LastError = null;
        }
        catch (IOException e)
        {
            LastError = DatasetWriter.Describe(e, _classes[index]);
        }
        catch (UnauthorizedAccessException e)
        {
            LastError = $"frame not saved to {_classes[index]}: {e.Message}";
        }
        finally
        {
            frame.Release();
            Interlocked.Decrement(ref _pendingWrites);
        }
    }

    private static int CountExisting(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count(f => ImageFiles.IsImage(f) && !AtomicFile.IsTemporary(f)) : 0;
}
