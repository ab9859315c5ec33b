using System.Text.Json.Nodes;
using LiveClassify.Tests.Cli.Session;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using OpenCvSharp;

namespace LiveClassify.Tests.Cli.Commands;

/// <summary>
/// <c>eval</c> as a user runs it: class folders of one-colour images through a model that names the colour it sees,
/// more images than one round of the classifier's workers takes, so the rounds' results must stay with their images.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly Scalar Red = new(0, 0, 255);
    private static readonly Scalar Green = new(0, 255, 0);
    private static readonly Scalar Blue = new(255, 0, 0);

    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _dataset;

    public EvalCommandTests()
    {
        _model = _folder.Combine("colours.onnx");
        ColourModel.Write(_model);
        _dataset = _folder.Combine("dataset");
        DataFolders.WriteClass(_dataset, "red", 30, Red);
        DataFolders.WriteClass(_dataset, "green", 25, Green);
        DataFolders.WriteClass(_dataset, "blue", 20, Blue);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_image_is_scored_against_its_own_folder()
    {
        // Five blue images filed under "red": exactly those five are wrong.
        for (int i = 0; i < 5; i++)
        {
            using var blue = new Mat(12, 16, MatType.CV_8UC3, Blue);
            Cv2.ImWrite(Path.Combine(_dataset, "red", $"misfiled{i}.png"), blue);
        }

        var (exit, output, error) = CliRunner.Run("eval", _dataset, "--model", _model, "--json");

        Assert.True(exit == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(80, (int)result["count"]!);
        Assert.Equal(75 / 80.0, (double)result["accuracy"]!, 5);
        var red = result["classes"]!.AsArray().Single(c => (string)c!["name"]! == "red")!;
        Assert.Equal(35, (int)red["support"]!);
        Assert.Equal(30 / 35.0, (double)red["recall"]!, 5);
    }

    [Fact]
    public void An_unreadable_image_is_skipped_with_a_line_naming_it()
    {
        File.WriteAllText(Path.Combine(_dataset, "green", "broken.png"), "not a picture");

        var (exit, output, error) = CliRunner.Run("eval", _dataset, "--model", _model, "--json");

        Assert.Equal(0, exit);
        Assert.Contains("eval: skipped", error);
        Assert.Contains("broken.png", error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal((75, 1.0), ((int)result["count"]!, (double)result["accuracy"]!));
    }

    [Fact]
    public void A_class_folder_that_is_not_one_of_the_models_labels_is_refused_by_name()
    {
        DataFolders.WriteClass(_dataset, "purple", 2, new Scalar(255, 0, 255));

        var (exit, _, error) = CliRunner.Run("eval", _dataset, "--model", _model);

        Assert.Equal(1, exit);
        Assert.Contains("purple", error);
    }
}
