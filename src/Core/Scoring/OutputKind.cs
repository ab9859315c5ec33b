namespace LiveClassify.Core.Scoring;

/// <summary>What a classifier's output values mean.</summary>
public enum OutputKind
{
    /// <summary>Unnormalised scores, one per class; softmax gives probabilities.</summary>
    Logits,

    /// <summary>Probabilities already, one per class (the model ends in softmax).</summary>
    Probabilities,

    /// <summary>One logit for a binary model: sigmoid gives the probability of the second of two labels.</summary>
    Sigmoid,
}
