namespace LiveClassify.Cli.Labelling;

/// <summary>A run of frames that the smoothed stream gave one label.</summary>
/// <param name="Label">The smoothed label, or <c>unknown</c> when no class passed its threshold.</param>
/// <param name="Start">Time of the segment's first frame.</param>
/// <param name="End">Time the next segment starts (or the end of the last frame for the final segment).</param>
/// <param name="Frames">Classified frames in the segment.</param>
/// <param name="MeanScore">Mean smoothed score of the label over the segment.</param>
public sealed record LabelSegment(string Label, TimeSpan Start, TimeSpan End, int Frames, double MeanScore);
