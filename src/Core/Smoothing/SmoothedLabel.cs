namespace LiveClassify.Core.Smoothing;

/// <summary>The label a smoothed stream shows.</summary>
/// <param name="ClassIndex">The class shown, or -1 for unknown.</param>
/// <param name="Score">Smoothed probability of the class shown (of the best class when unknown).</param>
/// <param name="Changed">Whether this update changed the shown label.</param>
public readonly record struct SmoothedLabel(int ClassIndex, float Score, bool Changed)
{
    /// <summary>Whether no class passed its threshold.</summary>
    public bool IsUnknown => ClassIndex < 0;

    /// <summary>
    /// The class (-1: unknown) that leads the smoothed average but has not led for the minimum dwell yet, so is not
    /// shown; null when the shown label leads. Offline labelling starts a new segment where its label took the lead.
    /// </summary>
    public int? Pending { get; init; }

    /// <summary>Smoothed probability of <see cref="Pending"/> (of the best class when it is unknown).</summary>
    public float PendingScore { get; init; }

    /// <summary>
    /// The class (-1: unknown) the latest frame's own probabilities would show, before averaging; null when the
    /// producer does not say. The average catches up with a change in the frames a fraction of its time constant
    /// later; offline labelling starts a segment where the frames changed.
    /// </summary>
    public int? FrameLeader { get; init; }

    /// <summary>Smoothed probability of <see cref="FrameLeader"/> (of the best class when it is unknown).</summary>
    public float FrameLeaderScore { get; init; }
}
