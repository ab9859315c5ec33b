using System.Runtime.InteropServices;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>Decodes, augments and preprocesses a batch of images into one [N, 3, H, W] tensor.</summary>
/// <remarks>
/// Each image is preprocessed straight into the tensor's own memory: a managed staging buffer would cost a large-heap
/// allocation and two copies of the batch (TorchSharp copies an array it wraps), every batch of every epoch. The
/// tensor it returns belongs to the caller's dispose scope. Public so that the training benchmark's plain loop loads
/// its images exactly as the trainer does.
/// </remarks>
public sealed class ImageBatcher(PreprocessSpec spec, Device device)
{
    private readonly ImageLoader _loader = new(spec);

    /// <summary>The images at <paramref name="indices"/>, each seen through <paramref name="view"/>, as one batch on the device.</summary>
    /// <exception cref="InvalidDataException">An image no longer decodes.</exception>
    public Tensor Load(IReadOnlyList<LabeledImage> images, IReadOnlyList<int> indices, Func<int, AugmentationParameters> view)
    {
        int elements = spec.ElementsPerImage;
        var batch = empty([indices.Count, 3, spec.Height, spec.Width], ScalarType.Float32);
        var values = MemoryMarshal.Cast<byte, float>(batch.bytes);
        for (int i = 0; i < indices.Count; i++)
        {
            string path = images[indices[i]].Path;
            if (!_loader.TryLoad(path, view(indices[i]), values.Slice(i * elements, elements), out string? problem))
            {
                // Every file decoded in the check before training: this one changed on disk since.
                throw new InvalidDataException($"{problem} (it decoded when training started)");
            }
        }

        return device.type == DeviceType.CPU ? batch : batch.to(device);
    }
}
