namespace LiveClassify.Core.Datasets;

/// <summary>One class folder of a dataset and its image files (full paths, sorted ordinally).</summary>
public sealed record DatasetClass(string Name, string Folder, IReadOnlyList<string> Images);
