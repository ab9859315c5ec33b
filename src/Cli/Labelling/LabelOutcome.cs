namespace LiveClassify.Cli.Labelling;

/// <summary>What happened to one input: labelled (with its summary), skipped as already done, or failed (with why).</summary>
public sealed record LabelOutcome(string Input, LabelOutcomeKind Kind, LabelSummary? Summary = null, string? Problem = null);
