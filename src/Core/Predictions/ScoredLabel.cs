namespace LiveClassify.Core.Predictions;

/// <summary>A class name with its score, the unit of every machine-readable output (`--json`, CSV columns).</summary>
public readonly record struct ScoredLabel(string Label, float Score);
