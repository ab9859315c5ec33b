using LiveClassify.Train.Training;

namespace LiveClassify.Tests.Train.Training;

public sealed class CosineScheduleTests
{
    [Fact]
    public void The_first_epoch_trains_at_the_initial_rate()
    {
        Assert.Equal(1e-3, CosineSchedule.At(1, 20, 1e-3, 1e-6), 12);
    }

    [Fact]
    public void Halfway_the_rate_is_the_mean_of_initial_and_minimum()
    {
        Assert.Equal((1e-3 + 1e-5) / 2, CosineSchedule.At(11, 20, 1e-3, 1e-5), 12);
    }

    [Fact]
    public void The_epoch_after_the_last_would_train_at_the_minimum()
    {
        Assert.Equal(1e-5, CosineSchedule.At(21, 20, 1e-3, 1e-5), 12);
    }

    [Fact]
    public void The_rate_only_falls_and_the_last_epoch_stays_above_the_minimum()
    {
        double[] rates = [.. Enumerable.Range(1, 20).Select(epoch => CosineSchedule.At(epoch, 20, 1e-3, 1e-5))];

        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(rates[^1] > 1e-5);
    }

    [Fact]
    public void Options_whose_learning_rate_is_not_above_the_cosine_minimum_are_refused()
    {
        var options = new TrainingOptions { Dataset = "images", Schedule = LearningRateSchedule.Cosine, LearningRate = 1e-7 };

        var refused = Assert.Throws<ArgumentException>(() => options.Validated());

        Assert.Contains("--schedule cosine", refused.Message, StringComparison.Ordinal);
    }
}
