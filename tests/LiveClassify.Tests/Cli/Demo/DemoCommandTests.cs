using LiveClassify.Tests.Cli.Session;
using LiveClassify.Tests.Render;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Demo;

/// <summary>`liveclassify demo --headless` end to end, on the colour model and a red-then-green clip via --models.</summary>
[Collection(OpenGLCollection.Name)]
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public DemoCommandTests() =>
        TestDisplay.Require();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_headless_demo_writes_the_video_labels_and_frames_and_reports_agreement()
    {
        string models = _folder.Combine("models");
        Directory.CreateDirectory(Path.Combine(models, "demo"));
        ColourModel.Write(Path.Combine(models, "fashion-mnist.onnx"));
        ColourVideo.Write(Path.Combine(models, "demo", "fashion-demo.mp4"), [ColourVideo.Red, ColourVideo.Green], 45);
        File.WriteAllText(Path.Combine(models, "demo", "fashion-demo.truth.csv"), "label,start_s,end_s,test_index\nred,0,3,1\ngreen,3,6,2\n");
        string output = _folder.Combine("demo-out");

        var (exit, stdout, error) = CliRunner.Run("demo", "--headless", "--models", models, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("90 frames", stdout, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(stdout, @"agree with fashion-demo\.truth\.csv over (8\d|9\d|100) ?%"), stdout);
        Assert.True(new FileInfo(Path.Combine(output, "annotated.mp4")).Length > 0);
        Assert.NotEmpty(Directory.GetFiles(output, "*.png"));
        Assert.Single(Directory.GetFiles(output, "*.segments.csv"));
    }

    [Fact]
    public void A_missing_default_model_is_named_with_how_to_make_it()
    {
        var (exit, _, error) = CliRunner.Run("demo", "--headless", "--models", _folder.Combine("empty"));

        Assert.Equal(1, exit);
        Assert.Contains("fashion-mnist.onnx is missing", error, StringComparison.Ordinal);
        Assert.Contains("liveclassify train", error, StringComparison.Ordinal);
    }
}
