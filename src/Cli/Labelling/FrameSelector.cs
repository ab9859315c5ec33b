namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Picks the frames to classify: every Nth frame (<c>--every N</c>), or at most F per second of video time
/// (<c>--fps F</c>), which follows the container's timestamps and so stays right for variable-rate files.
/// </summary>
public sealed class FrameSelector
{
    private readonly int _every;
    private readonly TimeSpan? _interval;
    private TimeSpan _next = TimeSpan.MinValue;

    /// <summary>Creates a selector; give <paramref name="every"/> greater than 1 or <paramref name="fps"/>, not both.</summary>
    public FrameSelector(int every, double? fps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        if (fps is { } rate)
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentException($"--fps must be a positive number of frames per second, not {rate}.");
            }

            if (every > 1)
            {
                throw new ArgumentException("Give --every or --fps, not both.");
            }

            _interval = TimeSpan.FromSeconds(1 / rate);
        }

        _every = every;
    }

    /// <summary>Whether the frame at <paramref name="frameIndex"/> and <paramref name="timestamp"/> is classified.</summary>
    public bool Select(long frameIndex, TimeSpan timestamp)
    {
        if (_interval is not { } interval)
        {
            return frameIndex % _every == 0;
        }

        if (timestamp < _next)
        {
            return false;
        }

        // Step from the previous pick, not from this frame, so 10 fps from 30 fps video takes exactly every third
        // frame; after a gap, start again from this frame.
        _next = _next == TimeSpan.MinValue || timestamp - _next >= interval ? timestamp + interval : _next + interval;
        return true;
    }
}
