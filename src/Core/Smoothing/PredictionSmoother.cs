using LiveClassify.Core.Scoring;

namespace LiveClassify.Core.Smoothing;

/// <summary>
/// Temporal smoothing of per-frame probabilities into a steady label: an exponential moving average with a time
/// constant (frame-rate independent), per-class thresholds with <c>unknown</c> when nothing passes, and a minimum
/// dwell before the shown label changes so it does not flicker between two close classes.
/// </summary>
/// <remarks>Single-threaded; allocates only in the constructor.</remarks>
public sealed class PredictionSmoother
{
    private readonly SmoothingOptions _options;
    private readonly float[] _average;
    private bool _started;
    private TimeSpan _lastTime;
    private int _shown;
    private int _pending;
    private TimeSpan _pendingSince;

    /// <summary>Creates a smoother for <paramref name="classCount"/> classes.</summary>
    public PredictionSmoother(int classCount, SmoothingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validated();
        _average = new float[classCount];
        Reset();
    }

    /// <summary>The moving average of the probabilities.</summary>
    public ReadOnlySpan<float> Average => _average;

    /// <summary>The label shown after the last update.</summary>
    public SmoothedLabel Current { get; private set; }

    /// <summary>Forgets the stream (a new file, a seek, a model swap).</summary>
    public void Reset()
    {
        _started = false;
        _shown = -1;
        _pending = -1;
        Array.Clear(_average);
        Current = new SmoothedLabel(-1, 0, false);
    }

    /// <summary>Adds one frame's probabilities observed at <paramref name="timestamp"/>.</summary>
    public SmoothedLabel Update(ReadOnlySpan<float> probabilities, TimeSpan timestamp)
    {
        if (probabilities.Length != _average.Length)
        {
            throw new ArgumentException($"Expected {_average.Length} probabilities, got {probabilities.Length}.");
        }

        if (_started && timestamp < _lastTime)
        {
            // Time went backwards (a file restarted, a seek): the old stream's average and dwell say nothing about it.
            Reset();
        }

        if (!_started)
        {
            probabilities.CopyTo(_average);
        }
        else
        {
            double tau = _options.TimeConstant.TotalSeconds;
            float alpha = tau <= 0 ? 1f : (float)(1 - Math.Exp(-(timestamp - _lastTime).TotalSeconds / tau));
            for (int i = 0; i < _average.Length; i++)
            {
                _average[i] += alpha * (probabilities[i] - _average[i]);
            }
        }

        int best = ScoreMath.ArgMax(_average);
        int candidate = BestPassing(_average);
        int frameLeader = BestPassing(probabilities);
        bool changed = false;
        if (!_started)
        {
            _shown = candidate;
            changed = true;
        }
        else if (candidate == _shown)
        {
            _pending = _shown;
        }
        else
        {
            if (candidate != _pending)
            {
                _pending = candidate;
                _pendingSince = timestamp;
            }

            if (timestamp - _pendingSince >= _options.MinimumDwell)
            {
                _shown = candidate;
                changed = true;
            }
        }

        _started = true;
        _lastTime = timestamp;
        Current = new SmoothedLabel(_shown, ScoreOf(_shown, best), changed) with
        {
            Pending = candidate == _shown ? null : candidate,
            PendingScore = candidate == _shown ? 0 : ScoreOf(candidate, best),
            FrameLeader = frameLeader,
            FrameLeaderScore = ScoreOf(frameLeader, best),
        };
        return Current;
    }

    /// <summary>The smoothed probability of <paramref name="classIndex"/>, or of the best class for unknown (-1).</summary>
    private float ScoreOf(int classIndex, int best) => _average[classIndex >= 0 ? classIndex : best];

    /// <summary>
    /// The most probable class of <paramref name="probabilities"/> among those at or above their own threshold, or
    /// -1. With per-class thresholds the leader may fail a strict threshold while a runner-up passes a lenient one;
    /// that is not "nothing passes".
    /// </summary>
    private int BestPassing(ReadOnlySpan<float> probabilities)
    {
        int best = -1;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] >= _options.ThresholdFor(i) && (best < 0 || probabilities[i] > probabilities[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
