namespace LiveClassify.Inference;

/// <summary>Medians over the classifier's recent calls.</summary>
/// <param name="PreprocessP50">Preprocessing of one frame into the input tensor.</param>
/// <param name="RunP50">One session run (one batch), from input ready to raw output ready.</param>
/// <param name="Runs">Runs since the classifier opened, warm-up excluded.</param>
public readonly record struct ClassifierTimings(TimeSpan PreprocessP50, TimeSpan RunP50, long Runs);
