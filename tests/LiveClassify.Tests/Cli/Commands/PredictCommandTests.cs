using System.Text.Json.Nodes;
using LiveClassify.Tests.Cli.Session;
using LiveClassify.Tests.Support;
using OpenCvSharp;

namespace LiveClassify.Tests.Cli.Commands;

/// <summary><c>predict</c> as a user runs it, on one-colour images through a model that names the colour it sees.</summary>
public sealed class PredictCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _red;
    private readonly string _blue;

    public PredictCommandTests()
    {
        _model = _folder.Combine("colours.onnx");
        ColourModel.Write(_model);
        _red = WriteImage("red.png", new Scalar(0, 0, 255));
        _blue = WriteImage("blue.jpg", new Scalar(255, 0, 0));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_image_is_followed_by_its_top_k_labels()
    {
        var (exit, output, error) = CliRunner.Run("predict", _red, _blue, "--model", _model, "--top-k", "2");

        Assert.True(exit == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Equal(_red, lines[0]);
        Assert.EndsWith("red", lines[1]);
        Assert.Equal(_blue, lines[3]);
        Assert.EndsWith("blue", lines[4]);
    }

    [Fact]
    public void Json_gives_label_and_score_pairs_per_image()
    {
        var (exit, output, _) = CliRunner.Run("predict", _red, _blue, "--model", _model, "--json", "--top-k", "3");

        Assert.Equal(0, exit);
        var images = JsonNode.Parse(output)!["images"]!.AsArray();
        Assert.Equal([_red, _blue], images.Select(image => (string)image!["image"]!));
        var redScores = images[0]!["scores"]!.AsArray();
        Assert.Equal(3, redScores.Count);
        Assert.Equal("red", (string)redScores[0]!["label"]!);
        Assert.True((double)redScores[0]!["score"]! > 0.99);
    }

    [Fact]
    public void An_image_that_does_not_decode_is_named_and_the_others_are_still_classified()
    {
        string broken = _folder.Combine("broken.png");
        File.WriteAllText(broken, "not a picture");
        string missing = _folder.Combine("missing.png");

        var (exit, output, error) = CliRunner.Run("predict", broken, _red, missing, "--model", _model);

        Assert.Equal(1, exit);
        Assert.Contains(broken, error);
        Assert.Contains(missing, error);
        Assert.Contains("2 of 3 images could not be read", error);
        Assert.StartsWith(_red, output);
    }

    private string WriteImage(string name, Scalar colour)
    {
        string path = _folder.Combine(name);
        using var image = new Mat(48, 64, MatType.CV_8UC3, colour);
        Cv2.ImWrite(path, image);
        return path;
    }
}
