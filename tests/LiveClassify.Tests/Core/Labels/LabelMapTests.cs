using LiveClassify.Core.Labels;
using LiveClassify.Tests.Support;

namespace LiveClassify.Tests.Core.Labels;

public sealed class LabelMapTests
{
    [Fact]
    public void Names_are_kept_in_output_order_and_minus_one_is_unknown()
    {
        var map = new LabelMap(["cat", "dog"]);

        Assert.Equal(2, map.Count);
        Assert.Equal("dog", map[1]);
        Assert.Equal("unknown", map[-1]);
        Assert.Equal(1, map.IndexOf("dog"));
        Assert.Equal(-1, map.IndexOf("cow"));
    }

    [Fact]
    public void Empty_blank_and_duplicate_labels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LabelMap([]));
        Assert.Throws<ArgumentException>(() => new LabelMap(["cat", " "]));
        var duplicate = Assert.Throws<ArgumentException>(() => new LabelMap(["cat", "cat"]));
        Assert.Contains("'cat' appears twice", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_names_count_from_zero()
    {
        Assert.Equal(["class_0", "class_1", "class_2"], LabelMap.Generic(3).Names);
    }

    [Fact]
    public void A_text_file_has_one_label_per_line_ignoring_blank_lines_and_carriage_returns()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("labels.txt");
        File.WriteAllText(path, "cat\r\n\r\n  dog \r\nbird\n");

        Assert.Equal(["cat", "dog", "bird"], LabelMap.Load(path).Names);
    }

    [Fact]
    public void A_json_file_is_an_array_of_strings()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("labels.json");
        File.WriteAllText(path, """ ["cat", "dog"] """);

        Assert.Equal(["cat", "dog"], LabelMap.Load(path).Names);
    }

    [Theory]
    [InlineData("""["cat", 3]""")]
    [InlineData("""["cat", "cat"]""")]
    [InlineData("""[""")]
    [InlineData("")]
    public void A_bad_labels_file_is_refused_naming_the_file(string content)
    {
        using var folder = new TempFolder();
        string path = folder.Combine("labels.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => LabelMap.Load(path));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }
}
