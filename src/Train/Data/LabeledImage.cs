namespace LiveClassify.Train.Data;

/// <summary>One image file of a dataset and the index of its class.</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Index into the dataset's class names.</param>
public sealed record LabeledImage(string Path, int Label);
