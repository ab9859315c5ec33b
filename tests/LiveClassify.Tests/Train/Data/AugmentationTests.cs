using LiveClassify.Train.Data;

namespace LiveClassify.Tests.Train.Data;

public sealed class AugmentationTests
{
    [Fact]
    public void The_issue_example_parses_and_prints_back()
    {
        var augmentation = Augmentation.Parse("flip,rotate=15,zoom=0.1,shift=0.1,color=0.2");

        Assert.Equal(new Augmentation(true, 15, 0.1, 0.1, 0.2), augmentation);
        Assert.Equal("flip,rotate=15,zoom=0.1,shift=0.1,color=0.2", augmentation.ToString());
        Assert.True(Augmentation.Parse("none").IsNone);
        Assert.True(Augmentation.Parse("").IsNone);
    }

    [Theory]
    [InlineData("flip,blur=2", "unknown augmentation 'blur'")]
    [InlineData("rotate", "needs a value")]
    [InlineData("zoom=abc", "zoom=abc")]
    [InlineData("shift=0.9", "0 to 0.5")]
    [InlineData("flip=1", "takes no value")]
    [InlineData("flip,flip", "twice")]
    public void Bad_lists_are_refused_with_the_reason(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Augmentation.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Draws_are_seeded_and_stay_within_the_limits()
    {
        var augmentation = Augmentation.Parse("flip,rotate=10,zoom=0.2,shift=0.1,color=0.3");

        var first = Draws(augmentation, new Random(5));
        var again = Draws(augmentation, new Random(5));

        Assert.Equal(first, again);
        Assert.Contains(first, p => p.Flip);
        Assert.Contains(first, p => !p.Flip);
        Assert.All(first, p =>
        {
            Assert.InRange(p.AngleDegrees, -10, 10);
            Assert.InRange(p.Scale, 0.8, 1.2);
            Assert.InRange(p.ShiftX, -0.1, 0.1);
            Assert.InRange(p.Brightness, 0.7f, 1.3f);
        });
    }

    [Fact]
    public void No_augmentation_draws_the_identity() =>
        Assert.Equal(AugmentationParameters.Identity, Augmentation.None.Draw(new Random(3)));

    private static AugmentationParameters[] Draws(Augmentation augmentation, Random random) =>
        [.. Enumerable.Range(0, 50).Select(_ => augmentation.Draw(random))];
}
