using System.CommandLine;
using LiveClassify.Cli.Commands;

namespace LiveClassify.Tests.Cli.Commands;

/// <summary>A session's model flags go to its trainer in the form <c>train</c> takes them.</summary>
public sealed class ModelOptionsTests
{
    [Theory]
    [InlineData("--size 96", "--size 96")]
    [InlineData("--size 96x96", "--size 96")]
    [InlineData("--preprocess tf --resize crop --size 128", "--preprocess tf --resize crop --size 128")]
    [InlineData("--labels l.txt --threads 2", "")]
    public void The_flags_train_takes_are_forwarded_and_a_square_size_as_one_side(string given, string forwarded)
    {
        var (options, parsed) = Parse(given);

        Assert.Equal(forwarded, string.Join(' ', options.TrainArguments(parsed)));
    }

    [Fact]
    public void A_size_that_is_not_square_is_refused_because_train_makes_square_models()
    {
        var (options, parsed) = Parse("--size 320x240");

        var error = Assert.Throws<ArgumentException>(() => options.TrainArguments(parsed));

        Assert.Equal("--size 320x240: train makes square models; a session that trains needs --size N.", error.Message);
    }

    private static (ModelOptions Options, ParseResult Parsed) Parse(string flags)
    {
        var command = new Command("session");
        var options = ModelOptions.AddTo(command, modelRequired: false);
        var parsed = command.Parse(flags);
        Assert.Empty(parsed.Errors);
        return (options, parsed);
    }
}
