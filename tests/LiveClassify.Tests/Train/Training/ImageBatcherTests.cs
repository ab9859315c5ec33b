using LiveClassify.Core.Preprocessing;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Data;
using LiveClassify.Train.Data;
using LiveClassify.Train.Training;
using OpenCvSharp;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train.Training;

[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class ImageBatcherTests
{
    private static readonly PreprocessSpec Spec =
        new(8, 8, ResizeMode.Stretch, ColorOrder.Rgb, Normalization.Tf, TensorLayout.Nchw, TensorElementType.Float32);

    [Fact]
    public void A_batch_holds_each_image_exactly_as_the_loader_prepares_it_in_the_requested_order()
    {
        using var folder = new TempFolder();
        DataFolders.WriteClass(folder.Path, "a", 3, new Scalar(10, 120, 230));
        DataFolders.WriteClass(folder.Path, "b", 2, new Scalar(200, 40, 90));
        var images = TrainingDataset.Open(folder.Path).Images;
        int[] indices = [4, 0, 2];
        var expected = new float[indices.Length * Spec.ElementsPerImage];
        var loader = new ImageLoader(Spec);
        for (int i = 0; i < indices.Length; i++)
        {
            Assert.True(loader.TryLoad(images[indices[i]].Path, AugmentationParameters.Identity, expected.AsSpan(i * Spec.ElementsPerImage, Spec.ElementsPerImage), out _));
        }

        using var scope = NewDisposeScope();
        var batch = new ImageBatcher(Spec, CPU).Load(images, indices, _ => AugmentationParameters.Identity);

        Assert.Equal([3L, 3, 8, 8], batch.shape);
        Assert.Equal(expected, batch.data<float>().ToArray());
    }
}
