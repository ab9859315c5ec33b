using LiveClassify.Core.Datasets;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Core.Datasets;

public sealed class DatasetLabelTests
{
    public static TheoryData<string?, string> Refused() => new()
    {
        { null, "empty" },
        { "", "empty" },
        { new string('a', DatasetLabel.MaxLength + 1), "longer than 64" },
        { ".", "parent" },
        { "..", "parent" },
        { "a/b", "path separator" },
        { "/etc", "path separator" },
        { "a\\b", "path separator" },
        { "a\0b", "NUL" },
        { "a\nb", "control character (U+000A)" },
        { "a\tb", "control character (U+0009)" },
        { "bell\u0007", "control character (U+0007)" },
        { "del\u007F", "control character (U+007F)" },
        { " cat", "white space" },
        { "cat ", "white space" },
        { ".hidden", "starts with '.'" },
        { "_review", "reserves" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_label_that_cannot_be_a_folder_is_refused_with_the_reason(string? label, string reason)
    {
        string? problem = DatasetLabel.Problem(label);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => DatasetLabel.Validate(label));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cat")]
    [InlineData("red apple")]
    [InlineData("Äpfel")]
    [InlineData("猫")]
    [InlineData("a.b")]
    [InlineData("x..y")]
    public void Ordinary_names_are_accepted(string label)
    {
        Assert.Null(DatasetLabel.Problem(label));
        Assert.Equal(label, DatasetLabel.Validate(label));
    }

    [Fact]
    public void A_label_of_the_maximum_length_is_accepted()
    {
        Assert.Null(DatasetLabel.Problem(new string('a', DatasetLabel.MaxLength)));
    }

    [Fact]
    public void A_control_character_is_shown_as_a_question_mark_in_the_message()
    {
        Assert.DoesNotContain('\n', DatasetLabel.Problem("a\nb")!);
    }

    [Fact]
    public void The_folder_of_a_label_lies_directly_inside_the_dataset()
    {
        using var root = new TempFolder();

        Assert.Equal(Path.Combine(root.Path, "cat"), DatasetLabel.FolderOf(root.Path, "cat"));
        Assert.Equal(Path.Combine(root.Path, "cat"), DatasetLabel.FolderOf(root.Path + "/", "cat"));
        Assert.Throws<ArgumentException>(() => DatasetLabel.FolderOf(root.Path, ".."));
        Assert.Throws<ArgumentException>(() => DatasetLabel.FolderOf(root.Path, "../cat"));
    }
}
