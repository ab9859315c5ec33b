using System.Text;
using System.Text.Json;
using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Labels;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class FrameRecordWriterTests
{
    private static readonly LabelMap Labels = new(["cat", "dog, large", "bird"]);
    private static readonly float[] Scores = [0.1f, 0.7f, 0.2f];
    private static readonly int[] Ranked = [1, 2, 0];

    [Fact]
    public void Csv_rows_hold_frame_time_and_the_top_k_labels_with_scores()
    {
        string text = Write(LabelOutputFormat.Csv, topK: 2);

        Assert.Equal("frame,time_s,label,score,label_2,score_2\n12,0.4,\"dog, large\",0.7,bird,0.2\n", text);
    }

    [Fact]
    public void Json_lines_hold_the_same_record_as_label_score_pairs()
    {
        string line = Write(LabelOutputFormat.Jsonl, topK: 3).TrimEnd('\n');

        using var record = JsonDocument.Parse(line);
        Assert.Equal(12, record.RootElement.GetProperty("frame").GetInt64());
        Assert.Equal(0.4, record.RootElement.GetProperty("time_s").GetDouble(), 6);
        var top = record.RootElement.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(["dog, large", "bird", "cat"], top.Select(t => t.GetProperty("label").GetString()));
        Assert.Equal(0.7, top[0].GetProperty("score").GetDouble(), 6);
    }

    [Fact]
    public void Top_k_larger_than_the_label_count_writes_every_label_once()
    {
        string header = Write(LabelOutputFormat.Csv, topK: 10).Split('\n')[0];

        Assert.Equal(FrameRecordWriter.HeaderFor(3), header);
    }

    [Fact]
    public void Writing_a_frame_allocates_nothing_in_steady_state()
    {
        using var writer = new FrameRecordWriter(Stream.Null, LabelOutputFormat.Jsonl, Labels, topK: 3);
        for (int i = 0; i < 10; i++)
        {
            writer.Write(i, TimeSpan.FromSeconds(i / 30.0), Ranked, Scores);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10; i < 110; i++)
        {
            writer.Write(i, TimeSpan.FromSeconds(i / 30.0), Ranked, Scores);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string Write(LabelOutputFormat format, int topK)
    {
        var stream = new MemoryStream();
        using (var writer = new FrameRecordWriter(stream, format, Labels, topK))
        {
            writer.Write(12, TimeSpan.FromSeconds(0.4), Ranked, Scores);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
