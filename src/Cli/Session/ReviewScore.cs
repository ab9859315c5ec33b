namespace LiveClassify.Cli.Session;

/// <summary>One class and its probability in a <see cref="ReviewRecord"/>.</summary>
/// <param name="Label">The class.</param>
/// <param name="Score">Its probability.</param>
public sealed record ReviewScore(string Label, float Score);
