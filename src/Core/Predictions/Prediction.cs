using LiveClassify.Core.Scoring;

namespace LiveClassify.Core.Predictions;

/// <summary>
/// A classifier's opinion of one frame: a probability per class, tagged with the frame it came from so a display can
/// show how old the opinion is.
/// </summary>
/// <remarks>
/// Reused, not reallocated: the inference stage owns a few instances and fills them in place
/// (see <see cref="Concurrency.TripleBuffer{T}"/>), so the per-frame path allocates nothing.
/// </remarks>
public sealed class Prediction
{
    private readonly float[] _probabilities;

    /// <summary>Creates an empty prediction for <paramref name="classCount"/> classes.</summary>
    public Prediction(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        _probabilities = new float[classCount];
    }

    /// <summary>Probability per class, in the model's output order.</summary>
    public Span<float> Probabilities => _probabilities;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _probabilities.Length;

    /// <summary>Index of the frame this prediction is about.</summary>
    public long FrameIndex { get; set; }

    /// <summary>Timestamp of that frame.</summary>
    public TimeSpan FrameTimestamp { get; set; }

    /// <summary>Stopwatch ticks when that frame was captured.</summary>
    public long FrameCapturedAt { get; set; }

    /// <summary>Stopwatch ticks when the prediction was complete.</summary>
    public long CompletedAt { get; set; }

    /// <summary>Time the model took (preprocessing and run), per frame.</summary>
    public TimeSpan InferenceTime { get; set; }

    /// <summary>Sequence number of the model that produced it, so a display can tell a hot-swapped model's output.</summary>
    public int ModelGeneration { get; set; }

    /// <summary>Index of the most probable class.</summary>
    public int Top1 => ScoreMath.ArgMax(_probabilities);

    /// <summary>Writes the best class indices into <paramref name="indices"/>, best first; returns how many.</summary>
    public int TopK(Span<int> indices) => ScoreMath.TopK(_probabilities, indices);

    /// <summary>Copies everything from another prediction with the same class count.</summary>
    public void CopyFrom(Prediction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ClassCount != ClassCount)
        {
            throw new ArgumentException($"Cannot copy a {other.ClassCount}-class prediction into a {ClassCount}-class one.");
        }

        other._probabilities.CopyTo(_probabilities, 0);
        FrameIndex = other.FrameIndex;
        FrameTimestamp = other.FrameTimestamp;
        FrameCapturedAt = other.FrameCapturedAt;
        CompletedAt = other.CompletedAt;
        InferenceTime = other.InferenceTime;
        ModelGeneration = other.ModelGeneration;
    }
}
