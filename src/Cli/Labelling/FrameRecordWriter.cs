using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveClassify.Core.Labels;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Writes one record per classified frame: frame index, time, the top label and score, then the next k-1 labels and
/// scores, as CSV or JSON lines.
/// </summary>
/// <remarks>
/// The per-frame path allocates nothing: numbers are formatted into a reused character buffer and label names are
/// escaped once, when the writer is created. The writer owns the stream it is given.
/// </remarks>
public sealed class FrameRecordWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly LabelOutputFormat _format;
    private readonly string[] _encodedLabels;
    private readonly int _topK;
    private readonly char[] _number = new char[32];

    /// <summary>Creates a writer that owns <paramref name="stream"/> and writes the header (CSV) at once.</summary>
    public FrameRecordWriter(Stream stream, LabelOutputFormat format, LabelMap labels, int topK)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        _writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16);
        _format = format;
        _topK = Math.Min(topK, labels.Count);
        _encodedLabels = [.. labels.Names.Append(LabelMap.Unknown).Select(name => Encode(name, format))];
        if (format == LabelOutputFormat.Csv)
        {
            _writer.Write(HeaderFor(_topK));
            _writer.Write('\n');
        }
    }

    /// <summary>The CSV header for <paramref name="topK"/> labels per frame.</summary>
    public static string HeaderFor(int topK)
    {
        var header = new StringBuilder("frame,time_s,label,score");
        for (int rank = 2; rank <= topK; rank++)
        {
            header.Append(CultureInfo.InvariantCulture, $",label_{rank},score_{rank}");
        }

        return header.ToString();
    }

    /// <summary>Writes one frame: <paramref name="ranked"/> holds class indices best first, <paramref name="scores"/> all class scores.</summary>
    public void Write(long frame, TimeSpan time, ReadOnlySpan<int> ranked, ReadOnlySpan<float> scores)
    {
        int count = Math.Min(_topK, ranked.Length);
        if (_format == LabelOutputFormat.Csv)
        {
            WriteNumber(frame);
            _writer.Write(',');
            WriteNumber(time.TotalSeconds, "0.######");
            for (int i = 0; i < count; i++)
            {
                _writer.Write(',');
                _writer.Write(_encodedLabels[ranked[i]]);
                _writer.Write(',');
                WriteNumber(scores[ranked[i]], "0.######");
            }
        }
        else
        {
            _writer.Write("{\"frame\":");
            WriteNumber(frame);
            _writer.Write(",\"time_s\":");
            WriteNumber(time.TotalSeconds, "0.######");
            _writer.Write(",\"top\":[");
            for (int i = 0; i < count; i++)
            {
                _writer.Write(i == 0 ? "{\"label\":" : ",{\"label\":");
                _writer.Write(_encodedLabels[ranked[i]]);
                _writer.Write(",\"score\":");
                WriteNumber(scores[ranked[i]], "0.######");
                _writer.Write('}');
            }

            _writer.Write("]}");
        }

        _writer.Write('\n');
    }

    /// <summary>Flushes buffered records to the file system and the disk.</summary>
    public void Flush()
    {
        _writer.Flush();
        if (_writer.BaseStream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteNumber(long value)
    {
        value.TryFormat(_number, out int written, provider: CultureInfo.InvariantCulture);
        _writer.Write(_number.AsSpan(0, written));
    }

    private void WriteNumber(double value, string format)
    {
        value.TryFormat(_number, out int written, format, CultureInfo.InvariantCulture);
        _writer.Write(_number.AsSpan(0, written));
    }

    private static string Encode(string label, LabelOutputFormat format)
    {
        if (format == LabelOutputFormat.Jsonl)
        {
            return JsonSerializer.Serialize(label);
        }

        return Csv.Quote(label);
    }
}
