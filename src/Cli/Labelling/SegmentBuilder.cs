using LiveClassify.Core.Labels;
using LiveClassify.Core.Smoothing;

namespace LiveClassify.Cli.Labelling;

/// <summary>Cuts the smoothed label stream of one input into <see cref="LabelSegment"/>s.</summary>
public sealed class SegmentBuilder
{
    private readonly LabelMap _labels;
    private readonly List<LabelSegment> _segments = [];
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
        if (_frames > 0)
        {
            _lastInterval = time - _last;
        }

        if (smoothed.ClassIndex != _label)
        {
            Close(end: time);
            _label = smoothed.ClassIndex;
            _start = time;
        }

        _frames++;
        _scoreSum += smoothed.Score;
        _last = time;
    }

    /// <summary>
    /// Closes the open segment, ending it one frame interval after its last frame (<paramref name="frameInterval"/>
    /// when the source knows its rate, else the last interval seen), and returns all segments.
    /// </summary>
    public IReadOnlyList<LabelSegment> Finish(TimeSpan? frameInterval)
    {
        Close(end: _last + (frameInterval ?? _lastInterval));
        return _segments;
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
