using System.Globalization;
using System.Text;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Where the outputs for one input go. Names are the input's file name plus a short stable hash of its path, so two
/// inputs called <c>clip.mp4</c> in different folders never collide and every shard names an input the same way.
/// </summary>
/// <remarks>
/// The summary is written last: its presence marks an input as finished, which is how a rerun knows to skip it.
/// Every file is first written under a hidden temporary name (see <see cref="TemporaryFor"/>) and renamed when complete.
/// </remarks>
public sealed record LabelOutputPaths(string Frames, string Segments, string Summary, string Annotated)
{
    /// <summary>The frame file's suffix for each format.</summary>
    public static string FramesSuffix(LabelOutputFormat format) => format == LabelOutputFormat.Csv ? ".frames.csv" : ".frames.jsonl";

    /// <summary>The suffix of summary files, which <c>merge</c> looks for.</summary>
    public const string SummarySuffix = ".summary.json";

    /// <summary>The outputs for <paramref name="input"/> in <paramref name="outputFolder"/>.</summary>
    public static LabelOutputPaths For(string outputFolder, string input, LabelOutputFormat format)
    {
        string stem = Path.Combine(outputFolder, StemFor(input));
        return new LabelOutputPaths(stem + FramesSuffix(format), stem + ".segments.csv", stem + SummarySuffix, stem + ".annotated.mp4");
    }

    /// <summary>The hidden temporary name a file is written under; it keeps the extension so writers pick the right format.</summary>
    public static string TemporaryFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", "." + Path.GetFileNameWithoutExtension(path) + ".partial" + Path.GetExtension(path));

    private static string StemFor(string input)
    {
        var name = new StringBuilder();
        foreach (char c in Path.GetFileNameWithoutExtension(input))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        string hash = (ShardSpec.StableHash(input) & 0xFFFF_FFFF).ToString("x8", CultureInfo.InvariantCulture);
        return $"{name.ToString().TrimStart('.')}-{hash}";
    }
}
