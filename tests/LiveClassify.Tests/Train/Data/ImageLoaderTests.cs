using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Data;
using OpenCvSharp;

namespace LiveClassify.Tests.Train.Data;

public sealed class ImageLoaderTests
{
    private static readonly PreprocessSpec Spec =
        new(8, 8, ResizeMode.Stretch, ColorOrder.Rgb, Normalization.Tf, TensorLayout.Nchw, TensorElementType.Float32);

    [Fact]
    public void Undecodable_images_are_skipped_counted_and_named()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "a", 3, new Scalar(10, 20, 30));
        DataFolders.WriteClass(folder.Path, "b", 2, new Scalar(10, 20, 30));
        File.WriteAllText(folder.Combine("a", "broken.jpg"), "not a jpeg");
        File.WriteAllBytes(folder.Combine("b", "empty.png"), []);
        var dataset = TrainingDataset.Open(folder.Path);
        var problems = new List<string>();

        var kept = ImageLoader.KeepDecodable(dataset.Images, problems);

        Assert.Equal(7, dataset.Images.Count);
        Assert.Equal(5, kept.Count);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("broken.jpg", StringComparison.Ordinal) && p.Contains("not a decodable image", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("empty.png", StringComparison.Ordinal) && p.Contains("empty", StringComparison.Ordinal));
        Assert.False(new ImageLoader(Spec).TryLoad(folder.Combine("a", "broken.jpg"), AugmentationParameters.Identity, new float[Spec.ElementsPerImage], out string? problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_decoded_image_gets_exactly_the_live_loops_preprocessing()
    {
        using var folder = new TempFolder();
        using var image = new Mat(12, 16, MatType.CV_8UC3);
        Cv2.Randu(image, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
        string path = folder.Combine("random.png");
        Cv2.ImWrite(path, image);
        byte[] packed = new byte[12 * 16 * 3];
        image.GetArray(out Vec3b[] pixels);
        for (int i = 0; i < pixels.Length; i++)
        {
            (packed[i * 3], packed[(i * 3) + 1], packed[(i * 3) + 2]) = (pixels[i].Item0, pixels[i].Item1, pixels[i].Item2);
        }

        var expected = new float[Spec.ElementsPerImage];
        new FramePreprocessor(Spec).Run(packed, 16, 12, 48, expected);
        var actual = new float[Spec.ElementsPerImage];

        Assert.True(new ImageLoader(Spec).TryLoad(path, AugmentationParameters.Identity, actual, out _));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_flip_mirrors_the_tensor_and_colour_jitter_changes_it()
    {
        using var folder = new TempFolder();
        using var image = new Mat(8, 8, MatType.CV_8UC3, new Scalar(0, 0, 0));
        image.Set(3, 0, new Vec3b(200, 100, 50));
        string path = folder.Combine("dot.png");
        Cv2.ImWrite(path, image);
        var loader = new ImageLoader(Spec);
        var plain = new float[Spec.ElementsPerImage];
        var flipped = new float[Spec.ElementsPerImage];
        var jittered = new float[Spec.ElementsPerImage];

        loader.TryLoad(path, AugmentationParameters.Identity, plain, out _);
        loader.TryLoad(path, AugmentationParameters.Identity with { Flip = true }, flipped, out _);
        loader.TryLoad(path, AugmentationParameters.Identity with { Brightness = 1.3f }, jittered, out _);

        // Channel 0 is red (RGB order), row 3: the dot moves from column 0 to column 7.
        Assert.Equal(plain[(3 * 8) + 0], flipped[(3 * 8) + 7]);
        Assert.Equal(plain[(3 * 8) + 7], flipped[(3 * 8) + 0]);
        Assert.True(jittered[(3 * 8) + 0] > plain[(3 * 8) + 0]);
    }
}
