using System.Globalization;
using System.Text;

namespace LiveClassify.Cli.Labelling;

/// <summary>The segments file: one row per run of one smoothed label.</summary>
public static class SegmentFile
{
    /// <summary>The header row.</summary>
    public const string Header = "label,start_s,end_s,frames,mean_score";

    /// <summary>The file's text for <paramref name="segments"/>.</summary>
    public static string Format(IEnumerable<LabelSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var segment in segments)
        {
            string label = Csv.Quote(segment.Label);
            text.Append(CultureInfo.InvariantCulture,
                $"{label},{segment.Start.TotalSeconds:0.######},{segment.End.TotalSeconds:0.######},{segment.Frames},{segment.MeanScore:0.######}\n");
        }

        return text.ToString();
    }
}
