namespace LiveClassify.Train.Training;

/// <summary>The model's probabilities for one validation image.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Label">The true class index.</param>
/// <param name="Probabilities">One probability per class (for a binary model: 1 - p, p).</param>
public sealed record ValidationPrediction(string Path, int Label, IReadOnlyList<float> Probabilities);
