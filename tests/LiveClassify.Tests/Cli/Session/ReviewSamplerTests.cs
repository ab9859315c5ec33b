using LiveClassify.Cli.Session;
using LiveClassify.Core.Frames;

namespace LiveClassify.Tests.Cli.Session;

public sealed class ReviewSamplerTests
{
    private readonly FramePool _pool = new();

    [Fact]
    public void Confident_frames_are_not_kept()
    {
        var sampler = new ReviewSampler(threshold: 0.6f, TimeSpan.Zero);

        Assert.False(Offer(sampler, seed: 1, seconds: 0, score: 0.9f));
    }

    [Fact]
    public void Unsure_frames_are_kept_at_most_once_per_interval()
    {
        var sampler = new ReviewSampler(threshold: 0.6f, TimeSpan.FromSeconds(1));

        Assert.True(Offer(sampler, seed: 1, seconds: 0.0, score: 0.3f));
        Assert.False(Offer(sampler, seed: 2, seconds: 0.5, score: 0.3f));
        Assert.True(Offer(sampler, seed: 3, seconds: 1.0, score: 0.3f));
        Assert.Equal(1, sampler.RateLimited);
    }

    [Fact]
    public void A_near_duplicate_of_a_kept_frame_is_skipped()
    {
        var sampler = new ReviewSampler(threshold: 0.6f, TimeSpan.Zero);

        Assert.True(Offer(sampler, seed: 1, seconds: 0, score: 0.3f));
        Assert.False(Offer(sampler, seed: 1, seconds: 5, score: 0.3f, noise: 3));
        Assert.True(Offer(sampler, seed: 2, seconds: 10, score: 0.3f));
        Assert.Equal(1, sampler.Duplicates);
    }

    [Fact]
    public void The_hash_sees_small_noise_as_the_same_picture_and_different_scenes_as_different()
    {
        ulong original = Hash(seed: 1, noise: 0);

        Assert.InRange(DifferenceHash.Distance(original, Hash(seed: 1, noise: 4)), 0, 6);
        Assert.InRange(DifferenceHash.Distance(original, Hash(seed: 2, noise: 0)), 12, 64);
    }

    [Fact]
    public void Hashing_a_frame_allocates_nothing()
    {
        var frame = Scene(seed: 1, noise: 0);
        DifferenceHash.Of(frame);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            DifferenceHash.Of(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        frame.Release();
    }

    private bool Offer(ReviewSampler sampler, int seed, double seconds, float score, int noise = 0)
    {
        var frame = Scene(seed, noise);
        frame.Timestamp = TimeSpan.FromSeconds(seconds);
        try
        {
            return sampler.ShouldKeep(frame, score);
        }
        finally
        {
            frame.Release();
        }
    }

    private ulong Hash(int seed, int noise)
    {
        var frame = Scene(seed, noise);
        try
        {
            return DifferenceHash.Of(frame);
        }
        finally
        {
            frame.Release();
        }
    }

    // A scene of random coloured blocks (the seed picks the scene), plus per-pixel noise of up to ±noise levels.
    private FrameBuffer Scene(int seed, int noise)
    {
        var frame = _pool.Rent(160, 120);
        var blocks = new Random(seed);
        var grain = new Random(1000 + noise);
        var colours = new byte[16 * 12];
        blocks.NextBytes(colours);
        var pixels = frame.Pixels;
        for (int y = 0; y < 120; y++)
        {
            for (int x = 0; x < 160; x++)
            {
                int value = colours[((y / 10) * 16) + (x / 10)] + (noise == 0 ? 0 : grain.Next(-noise, noise + 1));
                byte level = (byte)Math.Clamp(value, 0, 255);
                pixels[(y * 480) + (x * 3)] = level;
                pixels[(y * 480) + (x * 3) + 1] = level;
                pixels[(y * 480) + (x * 3) + 2] = level;
            }
        }

        return frame;
    }
}
