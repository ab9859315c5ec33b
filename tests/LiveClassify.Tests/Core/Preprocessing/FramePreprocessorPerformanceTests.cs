using System.Diagnostics;
using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>The per-frame cost of preprocessing: no allocation in steady state, and an opt-in timing.</summary>
public sealed class FramePreprocessorPerformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(640, 480, ResizeMode.Crop, TensorElementType.Float32)]
    [InlineData(1280, 720, ResizeMode.Letterbox, TensorElementType.Float32)]
    [InlineData(640, 480, ResizeMode.Stretch, TensorElementType.UInt8)]
    public void Steady_state_allocates_nothing_per_frame(int width, int height, ResizeMode resize, TensorElementType type)
    {
        var spec = SyntheticImage.Spec(224, 224, resize, type: type);
        var preprocessor = new FramePreprocessor(spec);
        var image = SyntheticImage.Noise(width, height, seed: 1);
        var floats = new float[spec.ElementsPerImage];
        var bytes = new byte[spec.ElementsPerImage];
        void Run()
        {
            if (type == TensorElementType.Float32)
            {
                preprocessor.Run(image, width, height, width * 3, floats);
            }
            else
            {
                preprocessor.Run(image, width, height, width * 3, bytes);
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(640, 480)]
    public void Crop_to_224_float32_nchw_torch_timing(int width, int height)
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCH") == "1", "timing runs only with LIVECLASSIFY_BENCH=1");
        var spec = SyntheticImage.Spec(224, 224, ResizeMode.Crop, Normalization.Torch);
        var preprocessor = new FramePreprocessor(spec);
        var image = SyntheticImage.Noise(width, height, seed: 2);
        var tensor = new float[spec.ElementsPerImage];
        for (int i = 0; i < 50; i++)
        {
            preprocessor.Run(image, width, height, width * 3, tensor);
        }

        const int Frames = 500;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Frames; i++)
        {
            preprocessor.Run(image, width, height, width * 3, tensor);
        }

        double perFrame = clock.Elapsed.TotalMilliseconds / Frames;
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        string line = FormattableString.Invariant($"preprocess {width}x{height} BGR -> 224x224 crop float32 NCHW torch: {perFrame:F3} ms/frame ({Configuration})");
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
