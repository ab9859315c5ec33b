using System.Globalization;

namespace LiveClassify.Cli.Demo;

/// <summary>How much of a clip's time two segment tables (label, start_s, end_s, ...) give the same label.</summary>
public static class SegmentAgreement
{
    private const double Step = 0.05;

    /// <summary>The share (0–1) of the truth's time where <paramref name="predictedCsv"/> has the truth's label.</summary>
    /// <exception cref="InvalidDataException">A file is not a segment table; the message names it.</exception>
    public static double Of(string truthCsv, string predictedCsv)
    {
        var truth = Read(truthCsv);
        var predicted = Read(predictedCsv);
        int agree = 0;
        int total = 0;
        foreach (var (label, start, end) in truth)
        {
            for (double t = start + (Step / 2); t < end; t += Step)
            {
                total++;
                if (predicted.Any(p => p.Start <= t && t < p.End && string.Equals(p.Label, label, StringComparison.Ordinal)))
                {
                    agree++;
                }
            }
        }

        return total == 0 ? 0 : (double)agree / total;
    }

    private static List<(string Label, double Start, double End)> Read(string path)
    {
        var rows = new List<(string, double, double)>();
        foreach (string line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var fields = Labelling.Csv.Split(line);
            if (fields.Count < 3
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double end))
            {
                throw new InvalidDataException($"{path}: '{line}' is not label,start_s,end_s,...");
            }

            rows.Add((fields[0], start, end));
        }

        return rows;
    }
}
