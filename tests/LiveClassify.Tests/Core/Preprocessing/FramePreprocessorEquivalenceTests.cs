using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>
/// The optimised <see cref="FramePreprocessor"/> gives the same tensors as the straightforward
/// <see cref="ReferencePreprocessor"/> on noise images, for every resize mode, layout, colour order and element type,
/// and for sources that shrink, grow and change size between calls.
/// </summary>
public sealed class FramePreprocessorEquivalenceTests
{
    public static TheoryData<int, int, int, int, ResizeMode> Sizes() => new()
    {
        { 1280, 720, 224, 224, ResizeMode.Crop },
        { 640, 480, 224, 224, ResizeMode.Crop },
        { 480, 640, 224, 224, ResizeMode.Crop },
        { 640, 480, 224, 224, ResizeMode.Stretch },
        { 640, 480, 224, 224, ResizeMode.Letterbox },
        { 333, 517, 96, 128, ResizeMode.Letterbox },
        { 100, 60, 224, 224, ResizeMode.Crop },
        { 50, 40, 160, 96, ResizeMode.Stretch },
        { 7, 5, 3, 3, ResizeMode.Stretch },
        { 1, 1, 4, 4, ResizeMode.Stretch },
        { 301, 199, 300, 200, ResizeMode.Crop },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float_nchw_torch_matches_the_reference(int sourceWidth, int sourceHeight, int width, int height, ResizeMode resize)
    {
        var spec = SyntheticImage.Spec(width, height, resize, Normalization.Torch, fill: 114);
        AssertFloatsMatch(spec, sourceWidth, sourceHeight, 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float_nhwc_bgr_caffe_matches_the_reference(int sourceWidth, int sourceHeight, int width, int height, ResizeMode resize)
    {
        var spec = SyntheticImage.Spec(width, height, resize, Normalization.Caffe, ColorOrder.Bgr, TensorLayout.Nhwc, fill: 9);

        // Caffe values are in pixel units (up to ±150), so float rounding of a different summation order is larger.
        AssertFloatsMatch(spec, sourceWidth, sourceHeight, 1e-4f);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Uint8_matches_the_reference_to_one_level(int sourceWidth, int sourceHeight, int width, int height, ResizeMode resize)
    {
        foreach (var layout in (TensorLayout[])[TensorLayout.Nchw, TensorLayout.Nhwc])
        {
            var spec = SyntheticImage.Spec(width, height, resize, layout: layout, type: TensorElementType.UInt8, fill: 114);
            var image = SyntheticImage.Noise(sourceWidth, sourceHeight, seed: sourceWidth);
            var expected = new byte[spec.ElementsPerImage];
            var actual = new byte[spec.ElementsPerImage];
            new ReferencePreprocessor(spec).Run(image, sourceWidth, sourceHeight, sourceWidth * 3, expected);
            new FramePreprocessor(spec).Run(image, sourceWidth, sourceHeight, sourceWidth * 3, actual);

            // A value within float rounding of .5 may round either way; anything else must be identical.
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1, $"{layout} element {i}: {actual[i]}, expected {expected[i]}");
            }
        }
    }

    [Fact]
    public void Changing_source_size_between_calls_gives_the_same_result_as_a_fresh_instance()
    {
        var spec = SyntheticImage.Spec(224, 224, ResizeMode.Crop, Normalization.Torch);
        var shared = new FramePreprocessor(spec);
        foreach (var (w, h) in (ReadOnlySpan<(int, int)>)[(640, 480), (1280, 720), (640, 480), (300, 500)])
        {
            var image = SyntheticImage.Noise(w, h, seed: w + h);
            var expected = new float[spec.ElementsPerImage];
            var actual = new float[spec.ElementsPerImage];
            new ReferencePreprocessor(spec).Run(image, w, h, w * 3, expected);
            shared.Run(image, w, h, w * 3, actual);

            SyntheticImage.AssertClose(expected, actual, 1e-5f);
        }
    }

    [Fact]
    public void A_padded_stride_matches_the_reference()
    {
        var spec = SyntheticImage.Spec(224, 224, ResizeMode.Crop, Normalization.Torch);
        const int Stride = (640 * 3) + 64;
        var image = SyntheticImage.Noise(Stride / 3 + 1, 480, seed: 5);
        var expected = new float[spec.ElementsPerImage];
        var actual = new float[spec.ElementsPerImage];
        new ReferencePreprocessor(spec).Run(image, 640, 480, Stride, expected);
        new FramePreprocessor(spec).Run(image, 640, 480, Stride, actual);

        SyntheticImage.AssertClose(expected, actual, 1e-5f);
    }

    private static void AssertFloatsMatch(PreprocessSpec spec, int sourceWidth, int sourceHeight, float tolerance)
    {
        var image = SyntheticImage.Noise(sourceWidth, sourceHeight, seed: sourceWidth * 31 + sourceHeight);
        var expected = new float[spec.ElementsPerImage];
        var actual = new float[spec.ElementsPerImage];
        new ReferencePreprocessor(spec).Run(image, sourceWidth, sourceHeight, sourceWidth * 3, expected);
        new FramePreprocessor(spec).Run(image, sourceWidth, sourceHeight, sourceWidth * 3, actual);

        SyntheticImage.AssertClose(expected, actual, tolerance);
    }
}
