using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Labels;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class ShardMergerTests : IDisposable
{
    private static readonly LabelMap Labels = new(["cat", "dog"]);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Joins_every_finished_input_of_every_shard_once_with_an_input_column()
    {
        string shard0 = WriteOutput("shard0", "videos/b.mp4", LabelOutputFormat.Csv, frames: 2);
        string shard1 = WriteOutput("shard1", "videos/a.mp4", LabelOutputFormat.Jsonl, frames: 3);
        using var output = new StringWriter();

        int inputs = ShardMerger.Merge([shard0, shard1], ShardMerger.Table.Frames, output, []);

        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, inputs);
        Assert.Equal("input,frame,time_s,label,score,label_2,score_2", lines[0]);
        Assert.Equal(
            ["videos/a.mp4,0,0,dog,0.75,cat,0.25", "videos/a.mp4,1,0.5,dog,0.75,cat,0.25", "videos/a.mp4,2,1,dog,0.75,cat,0.25",
             "videos/b.mp4,0,0,dog,0.75,cat,0.25", "videos/b.mp4,1,0.5,dog,0.75,cat,0.25"],
            lines[1..]);
    }

    [Fact]
    public void An_input_without_a_summary_is_unfinished_and_left_out()
    {
        string shard = WriteOutput("shard0", "videos/a.mp4", LabelOutputFormat.Csv, frames: 1);
        File.Delete(Directory.GetFiles(shard, "*" + LabelOutputPaths.SummarySuffix).Single());
        using var output = new StringWriter();

        Assert.Equal(0, ShardMerger.Merge([shard], ShardMerger.Table.Frames, output, []));
    }

    [Fact]
    public void An_input_found_in_two_folders_is_joined_once_with_a_warning()
    {
        string first = WriteOutput("run1", "videos/a.mp4", LabelOutputFormat.Csv, frames: 1);
        string second = WriteOutput("run2", "videos/a.mp4", LabelOutputFormat.Csv, frames: 1);
        var warnings = new List<string>();
        using var output = new StringWriter();

        ShardMerger.Merge([first, second], ShardMerger.Table.Frames, output, warnings);

        Assert.Equal(2, output.ToString().TrimEnd('\n').Split('\n').Length);
        Assert.Single(warnings);
    }

    [Fact]
    public void Joins_segment_tables()
    {
        string shard = WriteOutput("shard0", "videos/a.mp4", LabelOutputFormat.Csv, frames: 1);
        using var output = new StringWriter();

        ShardMerger.Merge([shard], ShardMerger.Table.Segments, output, []);

        Assert.Equal("input,label,start_s,end_s,frames,mean_score\nvideos/a.mp4,dog,0,0.5,1,0.75\n", output.ToString());
    }

    private string WriteOutput(string shardName, string input, LabelOutputFormat format, int frames)
    {
        string folder = _folder.Combine(shardName);
        Directory.CreateDirectory(folder);
        var paths = LabelOutputPaths.For(folder, input, format);
        using (var writer = new FrameRecordWriter(File.Create(paths.Frames), format, Labels, topK: 2))
        {
            for (int i = 0; i < frames; i++)
            {
                writer.Write(i, TimeSpan.FromSeconds(i * 0.5), [1, 0], [0.25f, 0.75f]);
            }
        }

        File.WriteAllText(paths.Segments, SegmentFile.Format([new LabelSegment("dog", TimeSpan.Zero, TimeSpan.FromSeconds(0.5), 1, 0.75)]));
        var summary = new LabelSummary
        {
            Input = input, FramesRead = frames, FramesClassified = frames, DecodeErrors = 0, Truncated = false,
            DurationS = frames * 0.5, ProcessingFps = 100, ElapsedS = 0.1, Model = "m.onnx", Provider = "CPU",
            Preprocessing = "224x224", Segments = 1, FramesFile = Path.GetFileName(paths.Frames),
            SegmentsFile = Path.GetFileName(paths.Segments), Shard = "0/1",
        };
        File.WriteAllText(paths.Summary, summary.ToJson());
        return folder;
    }
}
