using LiveClassify.Core.Frames;

namespace LiveClassify.Cli.Session;

/// <summary>
/// Decides which frames active learning keeps for review: those whose top-1 confidence is below a threshold, at most
/// one per <see cref="MinimumInterval"/>, and not a near-duplicate of one kept recently.
/// </summary>
/// <remarks>Called from the inference thread once per prediction; allocates nothing.</remarks>
public sealed class ReviewSampler
{
    private readonly ulong[] _recent;
    private int _recentCount;
    private int _next;
    private TimeSpan? _lastKept;

    /// <summary>Creates a sampler keeping frames below <paramref name="threshold"/>.</summary>
    /// <param name="threshold">Top-1 confidence below which a frame is worth a human look (for example 0.6).</param>
    /// <param name="minimumInterval">At most one frame per this much stream time.</param>
    /// <param name="duplicateDistance">Hashes this many bits apart or closer count as the same picture.</param>
    /// <param name="memory">How many kept frames are remembered for de-duplication.</param>
    public ReviewSampler(float threshold, TimeSpan minimumInterval, int duplicateDistance = 6, int memory = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1f);
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 1);
        Threshold = threshold;
        MinimumInterval = minimumInterval;
        DuplicateDistance = duplicateDistance;
        _recent = new ulong[memory];
    }

    /// <summary>Top-1 confidence below which frames are kept.</summary>
    public float Threshold { get; }

    /// <summary>The shortest stream time between two kept frames.</summary>
    public TimeSpan MinimumInterval { get; }

    /// <summary>Largest hash distance still treated as a duplicate.</summary>
    public int DuplicateDistance { get; }

    /// <summary>Frames skipped because they were too close in time to the last kept one.</summary>
    public long RateLimited { get; private set; }

    /// <summary>Frames skipped because they looked like one kept recently.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Whether to keep <paramref name="frame"/>, whose best score is <paramref name="topScore"/>; remembers it if so.</summary>
    public bool ShouldKeep(FrameBuffer frame, float topScore)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (topScore >= Threshold)
        {
            return false;
        }

        if (_lastKept is { } last && frame.Timestamp >= last && frame.Timestamp - last < MinimumInterval)
        {
            RateLimited++;
            return false;
        }

        ulong hash = DifferenceHash.Of(frame);
        for (int i = 0; i < _recentCount; i++)
        {
            if (DifferenceHash.Distance(hash, _recent[i]) <= DuplicateDistance)
            {
                Duplicates++;
                return false;
            }
        }

        _recent[_next] = hash;
        _next = (_next + 1) % _recent.Length;
        _recentCount = Math.Min(_recentCount + 1, _recent.Length);
        _lastKept = frame.Timestamp;
        return true;
    }
}
