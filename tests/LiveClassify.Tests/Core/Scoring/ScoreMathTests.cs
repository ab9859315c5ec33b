using LiveClassify.Core.Scoring;

namespace LiveClassify.Tests.Core.Scoring;

public sealed class ScoreMathTests
{
    [Fact]
    public void Softmax_matches_hand_computed_probabilities()
    {
        var probabilities = new float[3];
        ScoreMath.Softmax([1f, 2f, 3f], probabilities);

        // e^1, e^2, e^3 over their sum 30.19287.
        Assert.Equal(0.09003057f, probabilities[0], 1e-6f);
        Assert.Equal(0.24472847f, probabilities[1], 1e-6f);
        Assert.Equal(0.66524096f, probabilities[2], 1e-6f);
    }

    [Fact]
    public void Softmax_is_stable_for_huge_logits()
    {
        var probabilities = new float[2];
        ScoreMath.Softmax([1000f, 1000f], probabilities);

        Assert.Equal([0.5f, 0.5f], probabilities);
    }

    [Fact]
    public void Softmax_of_a_nan_logit_gives_that_class_zero_and_the_rest_a_distribution()
    {
        // One broken output must not turn the whole frame into NaN (the overlay and the smoother would carry it on).
        var probabilities = new float[3];
        ScoreMath.Softmax([float.NaN, 0f, 0f], probabilities);

        Assert.Equal([0f, 0.5f, 0.5f], probabilities);
    }

    [Fact]
    public void Softmax_of_only_nan_logits_is_all_zero()
    {
        var probabilities = new float[2];
        ScoreMath.Softmax([float.NaN, float.NaN], probabilities);

        Assert.Equal([0f, 0f], probabilities);
    }

    [Fact]
    public void Softmax_refuses_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => ScoreMath.Softmax([1f, 2f], new float[3]));
    }

    [Theory]
    [InlineData(0f, 0.5f)]
    [InlineData(2f, 0.8807971f)]
    [InlineData(-2f, 0.1192029f)]
    [InlineData(-100f, 0f)]
    [InlineData(100f, 1f)]
    public void Sigmoid_matches_the_logistic_function(float x, float expected)
    {
        Assert.Equal(expected, ScoreMath.Sigmoid(x), 1e-6f);
    }

    [Fact]
    public void A_sigmoid_output_is_the_probability_of_the_second_class()
    {
        var probabilities = new float[2];
        ScoreMath.ToProbabilities(OutputKind.Sigmoid, [2f], probabilities);

        Assert.Equal(0.1192029f, probabilities[0], 1e-6f);
        Assert.Equal(0.8807971f, probabilities[1], 1e-6f);
        Assert.Equal(1, ScoreMath.RawWidth(OutputKind.Sigmoid, 2));
        Assert.Throws<ArgumentException>(() => ScoreMath.ToProbabilities(OutputKind.Sigmoid, [1f, 2f], new float[2]));
    }

    [Fact]
    public void Probabilities_are_copied_unchanged()
    {
        var probabilities = new float[3];
        ScoreMath.ToProbabilities(OutputKind.Probabilities, [0.2f, 0.3f, 0.5f], probabilities);

        Assert.Equal([0.2f, 0.3f, 0.5f], probabilities);
        Assert.Equal(3, ScoreMath.RawWidth(OutputKind.Probabilities, 3));
    }

    [Fact]
    public void Top_k_orders_the_best_scores_first()
    {
        var indices = new int[3];
        int count = ScoreMath.TopK([0.1f, 0.5f, 0.05f, 0.3f, 0.05f], indices);

        Assert.Equal(3, count);
        Assert.Equal([1, 3, 0], indices);
    }

    [Fact]
    public void Top_k_breaks_ties_by_lower_index()
    {
        var indices = new int[3];
        ScoreMath.TopK([0.2f, 0.4f, 0.2f, 0.4f, 0.2f], indices);

        Assert.Equal([1, 3, 0], indices);
    }

    [Fact]
    public void Top_k_returns_fewer_when_there_are_fewer_classes()
    {
        var indices = new int[5];
        Assert.Equal(2, ScoreMath.TopK([0.3f, 0.7f], indices));
        Assert.Equal([1, 0], indices.AsSpan(0, 2).ToArray());
        Assert.Equal(0, ScoreMath.TopK([], indices));
    }

    [Fact]
    public void Top_k_ranks_nan_last()
    {
        var indices = new int[3];
        ScoreMath.TopK([float.NaN, 0.1f, 0.9f], indices);

        Assert.Equal([2, 1, 0], indices);
    }

    [Fact]
    public void Top_k_of_one_agrees_with_arg_max()
    {
        var random = new Random(7);
        var scores = new float[10];
        var indices = new int[1];
        for (int trial = 0; trial < 200; trial++)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = random.Next(5);
            }

            ScoreMath.TopK(scores, indices);
            Assert.Equal(ScoreMath.ArgMax(scores), indices[0]);
        }
    }

    [Fact]
    public void Arg_max_takes_the_first_of_equal_scores()
    {
        Assert.Equal(1, ScoreMath.ArgMax([0.1f, 0.4f, 0.4f]));
    }

    [Fact]
    public void Arg_max_skips_nan()
    {
        Assert.Equal(2, ScoreMath.ArgMax([float.NaN, 0.1f, 0.9f]));
        Assert.Equal(1, ScoreMath.ArgMax([0.5f, 0.7f, float.NaN]));
    }
}
