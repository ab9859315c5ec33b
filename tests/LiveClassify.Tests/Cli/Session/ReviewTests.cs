using System.Text.Json;
using LiveClassify.Cli.Live;
using LiveClassify.Cli.Session;
using LiveClassify.Inference;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Session;

/// <summary>Active learning end to end: the live loop keeps unsure frames in _review/, `review` sorts them.</summary>
[Collection(OpenGLCollection.Name)]
public sealed class ReviewTests : IDisposable
{
    private static readonly (byte B, byte G, byte R) Grey = (128, 128, 128);
    private readonly TempFolder _folder = new();
    private readonly string _model;

    public ReviewTests()
    {
        TestDisplay.Require();
        _model = _folder.Combine("colours.onnx");
        ColourModel.Write(_model);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unsure_frames_are_kept_once_with_their_predictions_and_sure_ones_are_not()
    {
        // A grey frame scores a third for each colour; twenty identical ones are one picture to review.
        string video = ColourVideo.Write(_folder.Combine("grey-red.mp4"), [Grey, ColourVideo.Red], 20);

        var review = RunLive(video, TimeSpan.Zero);

        Assert.Equal(1, review.Saved);
        Assert.Equal(19, review.Sampler.Duplicates);
        string image = Assert.Single(Directory.GetFiles(review.Folder, "*.png"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(image, ".json")));
        var predictions = json.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(3, predictions.Count);
        Assert.All(predictions, p => Assert.InRange(p.GetProperty("score").GetSingle(), 0.2f, 0.5f));
        Assert.Equal("colours.onnx", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void Different_unsure_frames_are_all_kept_without_a_rate_limit()
    {
        string video = NoisyVideo.Write(_folder.Combine("noise.mp4"), 20);

        var review = RunLive(video, TimeSpan.Zero);

        Assert.InRange(review.Saved, 15, 20);
        Assert.Equal(review.Saved, Directory.GetFiles(review.Folder, "*.png").Length);
        Assert.Equal(review.Saved, Directory.GetFiles(review.Folder, "*.json").Length);
    }

    [Fact]
    public void The_rate_limit_keeps_one_frame_per_interval()
    {
        string video = NoisyVideo.Write(_folder.Combine("noise.mp4"), 20);

        var review = RunLive(video, TimeSpan.FromSeconds(10));

        Assert.Equal(1, review.Saved);
        Assert.Equal(19, review.Sampler.RateLimited);
    }

    [Fact]
    public void Review_lists_moves_and_deletes_frames_and_refuses_bad_labels()
    {
        string video = NoisyVideo.Write(_folder.Combine("noise.mp4"), 6);
        var review = RunLive(video, TimeSpan.Zero);
        string dataset = _folder.Combine("dataset");
        string[] images = [.. Directory.GetFiles(review.Folder, "*.png").Order(StringComparer.Ordinal).Select(Path.GetFileName)!];
        Assert.True(images.Length >= 4, $"only {images.Length} frames kept");

        var (exit, output, _) = CliRunner.Run("review", dataset, "--list");
        Assert.Equal(0, exit);
        Assert.Contains($"{images.Length} frames", output, StringComparison.Ordinal);
        Assert.Contains(images[0] + "  ", output, StringComparison.Ordinal);
        Assert.Matches(@"(red|green|blue) 0\.\d\d", output);

        (exit, _, var error) = CliRunner.Run("review", dataset, "--move", images[0], "../escape");
        Assert.Equal(1, exit);
        Assert.Contains("path separator", error, StringComparison.Ordinal);
        (exit, _, error) = CliRunner.Run("review", dataset, "--move", "../colours.onnx", "red");
        Assert.Equal(1, exit);
        Assert.Contains("is not a frame", error, StringComparison.Ordinal);

        (exit, _, error) = CliRunner.Run("review", dataset, "--move", images[0], "blue");
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(dataset, "blue", images[0])));
        Assert.False(File.Exists(Path.Combine(review.Folder, Path.ChangeExtension(images[0], ".json"))));

        (exit, _, error) = CliRunner.Run("review", dataset, "--delete", images[1]);
        Assert.True(exit == 0, error);
        Assert.False(File.Exists(Path.Combine(review.Folder, images[1])));

        // A file of the same name already in the class folder is kept: the moved one gets another name.
        File.Copy(Path.Combine(review.Folder, images[2]), Path.Combine(dataset, "blue", images[2]));
        (exit, output, error) = CliRunner.Run("review", dataset, "--move-all-to", "blue");
        Assert.True(exit == 0, error);
        Assert.Contains($"moved {images.Length - 2} frames", output, StringComparison.Ordinal);
        Assert.Equal(images.Length, Directory.GetFiles(Path.Combine(dataset, "blue")).Length);
        Assert.Empty(Directory.GetFiles(review.Folder));
        (exit, output, _) = CliRunner.Run("review", dataset);
        Assert.Equal(0, exit);
        Assert.StartsWith("0 frames in", output, StringComparison.Ordinal);
    }

    private ReviewQueue RunLive(string video, TimeSpan interval)
    {
        var loop = new LiveLoop(new LiveOptions
        {
            Source = video,
            ModelPath = _model,
            Classifier = new ClassifierOptions { Threads = 1 },
            Dataset = _folder.Combine("dataset"),
            Headless = true,
            OutputVideo = _folder.Combine("out.mp4"),
            Width = 160,
            Height = 120,
            WatchModel = false,
            ReviewBelow = 0.6f,
            ReviewInterval = interval,
        }, TextWriter.Null);

        Assert.Equal(0, loop.Run(TestContext.Current.CancellationToken));
        return loop.Review!;
    }
}
