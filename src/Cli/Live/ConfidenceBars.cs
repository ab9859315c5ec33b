using LiveClassify.Core.Labels;
using LiveClassify.Render.Overlay;

namespace LiveClassify.Cli.Live;

/// <summary>
/// The overlay's top-k bars: each glides towards its class's newest score over about <see cref="TimeConstant"/>
/// instead of jumping at every prediction, and a class that moves into a row starts at its own score rather than
/// gliding from the previous class's. Allocates nothing.
/// </summary>
public sealed class ConfidenceBars
{
    /// <summary>How long a bar takes to cover about two thirds of the way to a new score.</summary>
    public static readonly TimeSpan TimeConstant = TimeSpan.FromMilliseconds(80);

    private readonly string?[] _labels = new string?[OverlayModel.MaxTopK];
    private readonly float[] _targets = new float[OverlayModel.MaxTopK];
    private readonly float[] _levels = new float[OverlayModel.MaxTopK];

    /// <summary>Rows in use.</summary>
    public int Count { get; private set; }

    /// <summary>The newest top-k: <paramref name="ranked"/> class indices, best first, with their labels and probabilities.</summary>
    public void SetTargets(ReadOnlySpan<int> ranked, LabelMap labels, ReadOnlySpan<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ranked.Length, OverlayModel.MaxTopK);
        Count = ranked.Length;
        for (int row = 0; row < ranked.Length; row++)
        {
            string label = labels[ranked[row]];
            float score = probabilities[ranked[row]];
            if (!ReferenceEquals(label, _labels[row]))
            {
                _labels[row] = label;
                _levels[row] = score;
            }

            _targets[row] = score;
        }
    }

    /// <summary>Moves every bar <paramref name="elapsed"/> further (all the way when <paramref name="jump"/>) and shows them.</summary>
    public void Advance(TimeSpan elapsed, bool jump, OverlayModel overlay)
    {
        float step = jump ? 1f : 1 - (float)Math.Exp(-elapsed.TotalSeconds / TimeConstant.TotalSeconds);
        overlay.TopCount = Count;
        for (int row = 0; row < Count; row++)
        {
            _levels[row] += (_targets[row] - _levels[row]) * step;
            overlay.SetTop(row, _labels[row]!, _levels[row]);
        }
    }
}
