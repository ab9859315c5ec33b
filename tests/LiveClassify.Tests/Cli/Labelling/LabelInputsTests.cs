using LiveClassify.Cli.Labelling;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Cli.Labelling;

public sealed class LabelInputsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public LabelInputsTests()
    {
        foreach (string file in new[] { "a.mp4", "b.MKV", "notes.txt", ".a.partial.mp4", "day1/c.mp4", "day1/deep/d.avi" })
        {
            string path = _folder.Combine(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_folder_gives_its_video_files_recursively_but_not_hidden_partial_outputs()
    {
        var problems = new List<string>();

        var files = LabelInputs.Expand([_folder.Path], problems);

        Assert.Equal(["a.mp4", "b.MKV", "day1/c.mp4", "day1/deep/d.avi"], files.Select(Relative));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_star_stays_inside_one_folder()
    {
        var files = LabelInputs.Expand([_folder.Combine("*.mp4")], []);

        Assert.Equal(["a.mp4"], files.Select(Relative));
    }

    [Fact]
    public void A_double_star_crosses_folders()
    {
        var files = LabelInputs.Expand([_folder.Combine("**", "*.mp4")], []);

        Assert.Equal(["a.mp4", "day1/c.mp4"], files.Select(Relative));
    }

    [Fact]
    public void Inputs_named_twice_are_labelled_once_and_in_a_stable_order()
    {
        var files = LabelInputs.Expand([_folder.Combine("day1", "c.mp4"), _folder.Combine("a.mp4"), _folder.Combine("*.mp4")], []);

        Assert.Equal(["a.mp4", "day1/c.mp4"], files.Select(Relative));
    }

    [Fact]
    public void A_pattern_or_folder_that_names_nothing_is_a_problem_not_an_exception()
    {
        Directory.CreateDirectory(_folder.Combine("empty"));
        var problems = new List<string>();

        var files = LabelInputs.Expand([_folder.Combine("*.webm"), _folder.Combine("empty"), _folder.Combine("a.mp4")], problems);

        Assert.Equal(["a.mp4"], files.Select(Relative));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("*.webm: no file matches", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("holds no video files", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_kept_so_opening_it_reports_the_precise_error()
    {
        var files = LabelInputs.Expand([_folder.Combine("missing.mp4")], []);

        Assert.Equal(["missing.mp4"], files.Select(Relative));
    }

    private string Relative(string path) => Path.GetRelativePath(_folder.Path, path);
}
