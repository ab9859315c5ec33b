namespace LiveClassify.Core.Scoring;

/// <summary>Allocation-free score arithmetic for the per-frame path.</summary>
public static class ScoreMath
{
    /// <summary>
    /// Numerically stable softmax of <paramref name="logits"/> into <paramref name="probabilities"/>. A NaN logit (a
    /// broken output) gets probability 0 and the others share 1, so one bad value does not turn the whole frame into
    /// NaN; when no logit is usable every probability is 0.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        RequireSameLength(logits.Length, probabilities.Length);
        float max = float.NegativeInfinity;
        foreach (float value in logits)
        {
            // Not MathF.Max: it propagates NaN.
            if (value > max)
            {
                max = value;
            }
        }

        float sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float e = float.IsNaN(logits[i]) || float.IsNegativeInfinity(max) ? 0f : MathF.Exp(logits[i] - max);
            probabilities[i] = e;
            sum += e;
        }

        float scale = sum > 0 ? 1f / sum : 0f;
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] *= scale;
        }
    }

    /// <summary>The logistic function.</summary>
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>
    /// Converts raw model outputs of the given kind into one probability per class. A sigmoid output has one raw
    /// value and two classes: the value is the probability of class 1.
    /// </summary>
    public static void ToProbabilities(OutputKind kind, ReadOnlySpan<float> raw, Span<float> probabilities)
    {
        switch (kind)
        {
            case OutputKind.Logits:
                Softmax(raw, probabilities);
                break;
            case OutputKind.Probabilities:
                RequireSameLength(raw.Length, probabilities.Length);
                raw.CopyTo(probabilities);
                break;
            case OutputKind.Sigmoid:
                if (raw.Length != 1 || probabilities.Length != 2)
                {
                    throw new ArgumentException($"A sigmoid output has 1 value and 2 classes, not {raw.Length} and {probabilities.Length}.");
                }

                probabilities[1] = Sigmoid(raw[0]);
                probabilities[0] = 1f - probabilities[1];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown output kind.");
        }
    }

    /// <summary>Number of raw output values a model of this kind has for <paramref name="classCount"/> classes.</summary>
    public static int RawWidth(OutputKind kind, int classCount) => kind == OutputKind.Sigmoid ? 1 : classCount;

    /// <summary>
    /// Fills <paramref name="indices"/> with the indices of the highest scores, best first (ties: lower index
    /// first; NaN ranks below every number), and returns how many were written: min(indices.Length, scores.Length).
    /// </summary>
    public static int TopK(ReadOnlySpan<float> scores, Span<int> indices)
    {
        int k = Math.Min(indices.Length, scores.Length);
        if (k == 0)
        {
            return 0;
        }

        int filled = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            float score = scores[i];
            if (filled == k && !Better(score, scores[indices[k - 1]]))
            {
                continue;
            }

            // Insertion into the sorted prefix; k is small (top-5), so this beats a heap.
            int at = filled < k ? filled++ : k - 1;
            while (at > 0 && Better(score, scores[indices[at - 1]]))
            {
                indices[at] = indices[at - 1];
                at--;
            }

            indices[at] = i;
        }

        return k;
    }

    /// <summary>Index of the highest score (the first one on ties; NaN only when every score is NaN).</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (Better(scores[i], scores[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Strictly better: a number beats NaN, and NaN beats nothing, so NaN ranks last.</summary>
    private static bool Better(float candidate, float incumbent) =>
        candidate > incumbent || (float.IsNaN(incumbent) && !float.IsNaN(candidate));

    private static void RequireSameLength(int input, int output)
    {
        if (input != output)
        {
            throw new ArgumentException($"Input has {input} values but the output has room for {output}.");
        }
    }
}
