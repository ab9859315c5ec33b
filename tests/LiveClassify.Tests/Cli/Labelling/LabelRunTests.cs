using System.Diagnostics;
using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Smoothing;
using LiveClassify.Inference;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Labelling;

/// <summary>
/// <c>label</c> end to end on videos of known content: a clip that shows red, then green, then blue, through a model
/// that names the colour it sees, classified by two workers at once.
/// </summary>
public sealed class LabelRunTests : IDisposable
{
    private const int FramesPerColour = 15;
    private const double Fps = 15;
    private static readonly SmoothingOptions Immediate = new(TimeSpan.Zero, TimeSpan.Zero, 0.5f);

    private readonly TempFolder _folder = new();
    private readonly ParallelClassifier _classifier;
    private readonly StringWriter _log = new();

    public LabelRunTests()
    {
        string model = _folder.Combine("colours.onnx");
        ColourModel.Write(model);
        _classifier = ParallelClassifier.Open(model, new ClassifierOptions { Threads = 1 }, new ThroughputPlan(Workers: 2, Batch: 4));
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _log.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Labels_every_frame_and_cuts_segments_where_the_colour_changes()
    {
        string video = WriteColourVideo("rgb.mp4", [(0, 0, 255), (0, 255, 0), (255, 0, 0)]);

        int exit = Run([video], Options());

        Assert.Equal(LabelRun.Success, exit);
        var paths = LabelOutputPaths.For(_folder.Combine("out"), video, LabelOutputFormat.Csv);
        string[] rows = File.ReadAllLines(paths.Frames);
        Assert.Equal("frame,time_s,label,score,label_2,score_2", rows[0]);
        Assert.Equal(3 * FramesPerColour, rows.Length - 1);
        Assert.All(rows[1..16], row => Assert.Equal("red", row.Split(',')[2]));
        Assert.All(rows[16..31], row => Assert.Equal("green", row.Split(',')[2]));
        Assert.All(rows[31..], row => Assert.Equal("blue", row.Split(',')[2]));
        Assert.Equal(
            ["label,start_s,end_s,frames,mean_score", "red,0,1,15,1", "green,1,2,15,1", "blue,2,3,15,1"],
            File.ReadAllLines(paths.Segments));
        var summary = LabelSummary.FromJson(File.ReadAllText(paths.Summary));
        Assert.Equal(45, summary.FramesRead);
        Assert.Equal(45, summary.FramesClassified);
        Assert.False(summary.Truncated);
        Assert.Equal("colours.onnx", summary.Model);
        Assert.Equal((2, 4), (summary.Workers, summary.Batch));
    }

    [Fact]
    public void Annotate_writes_a_video_with_every_frame()
    {
        string video = WriteColourVideo("rgb.mp4", [(0, 0, 255), (0, 255, 0)]);

        Assert.Equal(LabelRun.Success, Run([video], Options() with { Annotate = true, Every = 5 }));

        var paths = LabelOutputPaths.For(_folder.Combine("out"), video, LabelOutputFormat.Csv);
        Assert.Equal(2 * FramesPerColour / 5, File.ReadAllLines(paths.Frames).Length - 1);
        Assert.Equal(2 * FramesPerColour, CountFrames(paths.Annotated));
    }

    [Fact]
    public void A_rerun_skips_finished_inputs_and_leaves_their_outputs_alone()
    {
        string video = WriteColourVideo("rgb.mp4", [(0, 0, 255)]);
        Assert.Equal(LabelRun.Success, Run([video], Options()));
        var paths = LabelOutputPaths.For(_folder.Combine("out"), video, LabelOutputFormat.Csv);
        var written = File.GetLastWriteTimeUtc(paths.Frames);

        Assert.Equal(LabelRun.Success, Run([video], Options()));

        Assert.Contains("already labelled", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(paths.Frames));
    }

    [Fact]
    public void An_interrupted_input_leaves_no_finished_looking_output_and_is_redone()
    {
        string video = WriteColourVideo("rgb.mp4", [(0, 0, 255)]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(LabelRun.Interrupted, Run([video], Options(), cancelled));

        Assert.Empty(Directory.GetFiles(_folder.Combine("out")));
        Assert.Equal(LabelRun.Success, Run([video], Options()));
    }

    [Fact]
    public void Bad_inputs_each_get_one_line_and_the_good_ones_are_still_labelled()
    {
        string good = WriteColourVideo("good.mp4", [(0, 255, 0)]);
        string empty = _folder.Combine("empty.mp4");
        File.WriteAllBytes(empty, []);
        string text = _folder.Combine("notes.mp4");
        File.WriteAllText(text, "this is not a video\n");
        string missing = _folder.Combine("missing.mp4");

        int exit = Run([empty, text, good, missing], Options());

        Assert.Equal(LabelRun.SomeInputsFailed, exit);
        Assert.True(File.Exists(LabelOutputPaths.For(_folder.Combine("out"), good, LabelOutputFormat.Csv).Summary));
        string log = _log.ToString();
        Assert.Contains("1 labelled", log, StringComparison.Ordinal);
        Assert.Contains("3 with problems", log, StringComparison.Ordinal);
        foreach (string bad in new[] { empty, text, missing })
        {
            Assert.Contains(log.Split('\n'), line => line.Contains("failed", StringComparison.Ordinal) && line.Contains(bad, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_truncated_video_is_labelled_as_far_as_it_decodes_and_reported()
    {
        string whole = WriteColourVideo("whole.mp4", [(0, 0, 255), (0, 255, 0), (255, 0, 0), (0, 0, 255)]);
        string truncated = _folder.Combine("truncated.mp4");
        Ffmpeg("-i", whole, "-c", "copy", "-movflags", "+faststart", truncated);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 6 / 10)]);

        int exit = Run([truncated], Options());

        Assert.Equal(LabelRun.SomeInputsFailed, exit);
        var summary = LabelSummary.FromJson(File.ReadAllText(LabelOutputPaths.For(_folder.Combine("out"), truncated, LabelOutputFormat.Csv).Summary));
        Assert.True(summary.Truncated);
        Assert.InRange(summary.FramesClassified, 1, (4 * FramesPerColour) - 1);
        Assert.Contains("truncated", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_split_the_inputs_and_merge_joins_them_back()
    {
        string[] videos = [.. Enumerable.Range(0, 5).Select(i => WriteColourVideo($"clip{i}.mp4", [(0, 0, 255)], frames: 3))];
        string[] outputs = [_folder.Combine("shard0"), _folder.Combine("shard1")];

        for (int shard = 0; shard < 2; shard++)
        {
            Assert.Equal(LabelRun.Success, Run(videos, Options() with { OutputFolder = outputs[shard], Shard = new ShardSpec(shard, 2) }));
        }

        int[] counts = [.. outputs.Select(o => Directory.GetFiles(o, "*" + LabelOutputPaths.SummarySuffix).Length)];
        Assert.Equal(5, counts.Sum());
        using var merged = new StringWriter();
        Assert.Equal(5, ShardMerger.Merge(outputs, ShardMerger.Table.Frames, merged, []));
        Assert.Equal(1 + (5 * 3), merged.ToString().TrimEnd('\n').Split('\n').Length);
    }

    private LabelJobOptions Options() => new()
    {
        OutputFolder = _folder.Combine("out"),
        TopK = 2,
        Smoothing = Immediate,
    };

    private int Run(IEnumerable<string> inputs, LabelJobOptions options, CancellationTokenSource? stop = null) =>
        LabelRun.Execute(_classifier, options, inputs, _log, interactive: false, stop?.Token ?? TestContext.Current.CancellationToken);

    private string WriteColourVideo(string name, (byte B, byte G, byte R)[] colours, int frames = FramesPerColour) =>
        ColourVideo.Write(_folder.Combine(name), colours, frames, Fps);

    private static int CountFrames(string video)
    {
        string output = Ffmpeg("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video);
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Ffmpeg(params string[] arguments)
    {
        bool probe = arguments.Contains("-count_frames");
        var start = new ProcessStartInfo(probe ? "ffprobe" : "ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in probe ? arguments : ["-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }
}
