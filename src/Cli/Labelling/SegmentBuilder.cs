using LiveClassify.Core.Labels;
using LiveClassify.Core.Smoothing;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Cuts the smoothed label stream of one input into <see cref="LabelSegment"/>s. The stream shows a new label only once
/// its average has led for the smoother's minimum dwell, which keeps a live overlay from flickering; offline both
/// delays can be undone, so a segment starts where the frames themselves changed to its label, not where the average
/// caught up with them nor a dwell later. Frames led by another label than the one shown are held back until the
/// stream decides: they join the new label's segment, scored by it, or stay with the label shown.
/// </summary>
public sealed class SegmentBuilder
{
    private readonly LabelMap _labels;
    private readonly List<LabelSegment> _segments = [];
    // The frames held back, kept as totals: where they start, how many, and their scores under either label.
    private int _waitingLabel;
    private TimeSpan _waitingSince;
    private int _waitingFrames;
    private double _waitingShownScores;
    private double _waitingChallengerScores;
    private int _label = int.MinValue;
    private TimeSpan _start;
    private TimeSpan _last;
    private TimeSpan _lastInterval;
    private int _frames;
    private double _scoreSum;

    /// <summary>Creates a builder naming segments with <paramref name="labels"/>.</summary>
    public SegmentBuilder(LabelMap labels) => _labels = labels ?? throw new ArgumentNullException(nameof(labels));

    /// <summary>Segments closed so far; call <see cref="Finish"/> to close the last one.</summary>
    public IReadOnlyList<LabelSegment> Segments => _segments;

    /// <summary>Adds the smoothed label of the frame at <paramref name="time"/>; frames must come in time order.</summary>
    public void Add(TimeSpan time, SmoothedLabel smoothed)
    {
        if (_label != int.MinValue)
        {
            _lastInterval = time - _last;
        }

        _last = time;
        if (smoothed.ClassIndex != _label)
        {
            bool waitedForIt = _waitingFrames > 0 && _waitingLabel == smoothed.ClassIndex;
            if (!waitedForIt)
            {
                KeepWaitingFrames();
            }

            TimeSpan start = waitedForIt ? _waitingSince : time;
            Close(end: start);
            _label = smoothed.ClassIndex;
            _start = start;
            if (waitedForIt)
            {
                // The frames that waited for this label open its segment, scored by it.
                _frames = _waitingFrames;
                _scoreSum = _waitingChallengerScores;
                ClearWaiting();
            }
        }
        else if (Challenger(smoothed) is { } challenger)
        {
            if (challenger.ClassIndex != _waitingLabel)
            {
                KeepWaitingFrames();
                _waitingLabel = challenger.ClassIndex;
            }

            if (_waitingFrames == 0)
            {
                _waitingSince = time;
            }

            _waitingFrames++;
            _waitingShownScores += smoothed.Score;
            _waitingChallengerScores += challenger.Score;
            return;
        }
        else
        {
            KeepWaitingFrames();
        }

        _frames++;
        _scoreSum += smoothed.Score;
    }

    /// <summary>
    /// Closes the open segment, ending it one frame interval after its last frame (<paramref name="frameInterval"/>
    /// when the source knows its rate, else the last interval seen), and returns all segments.
    /// </summary>
    public IReadOnlyList<LabelSegment> Finish(TimeSpan? frameInterval)
    {
        // The stream ended before a waiting label's dwell was over: it never took over.
        KeepWaitingFrames();
        Close(end: _last + (frameInterval ?? _lastInterval));
        return _segments;
    }

    /// <summary>
    /// The label that may be taking over, with its smoothed score. The label already waited for keeps its place while
    /// the frame or the average still leads with it (a change often passes through "unknown" in the average while the
    /// frames already show the new label); otherwise the label this frame alone leads with, which the average
    /// follows a little later, then the one the average leads with but does not show yet.
    /// </summary>
    private (int ClassIndex, float Score)? Challenger(SmoothedLabel smoothed)
    {
        if (_waitingFrames > 0 && smoothed.FrameLeader == _waitingLabel)
        {
            return (_waitingLabel, smoothed.FrameLeaderScore);
        }

        if (_waitingFrames > 0 && smoothed.Pending == _waitingLabel)
        {
            return (_waitingLabel, smoothed.PendingScore);
        }

        if (smoothed.FrameLeader is { } leader && leader != smoothed.ClassIndex)
        {
            return (leader, smoothed.FrameLeaderScore);
        }

        return smoothed.Pending is { } pending ? (pending, smoothed.PendingScore) : null;
    }

    /// <summary>The label the held-back frames waited for did not take over: they stay with the label shown.</summary>
    private void KeepWaitingFrames()
    {
        _frames += _waitingFrames;
        _scoreSum += _waitingShownScores;
        ClearWaiting();
    }

    private void ClearWaiting()
    {
        _waitingFrames = 0;
        _waitingShownScores = 0;
        _waitingChallengerScores = 0;
    }

    private void Close(TimeSpan end)
    {
        if (_frames == 0)
        {
            return;
        }

        _segments.Add(new LabelSegment(_labels[_label], _start, end, _frames, _scoreSum / _frames));
        _frames = 0;
        _scoreSum = 0;
    }
}
