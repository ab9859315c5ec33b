namespace LiveClassify.Train.Reports;

/// <summary>One class's figures in an <see cref="Evaluation"/>.</summary>
/// <param name="Name">Class name.</param>
/// <param name="Support">Images whose true class this is.</param>
/// <param name="Precision">Of the images predicted as this class, the fraction that are (NaN when none was predicted).</param>
/// <param name="Recall">Of this class's images, the fraction predicted as it (NaN without images).</param>
public sealed record ClassFigures(string Name, int Support, double Precision, double Recall);
