namespace LiveClassify.Cli.Labelling;

/// <summary>How per-frame labels are written.</summary>
public enum LabelOutputFormat
{
    /// <summary>Comma-separated values with a header row: spreadsheets, pandas, <c>liveclassify merge</c>.</summary>
    Csv,

    /// <summary>One JSON object per line: streaming consumers, <c>jq</c>.</summary>
    Jsonl,
}
