using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>Decodes, augments and preprocesses a batch of images into one [N, 3, H, W] tensor.</summary>
/// <remarks>Reuses one managed buffer of a full batch; the tensor it returns belongs to the caller's dispose scope.</remarks>
internal sealed class ImageBatcher(PreprocessSpec spec, int batchSize, Device device)
{
    private readonly ImageLoader _loader = new(spec);
    private readonly float[] _buffer = new float[batchSize * spec.ElementsPerImage];

    public Tensor Load(IReadOnlyList<LabeledImage> images, IReadOnlyList<int> indices, Func<int, AugmentationParameters> view)
    {
        int elements = spec.ElementsPerImage;
        for (int i = 0; i < indices.Count; i++)
        {
            string path = images[indices[i]].Path;
            if (!_loader.TryLoad(path, view(indices[i]), _buffer.AsSpan(i * elements, elements), out string? problem))
            {
                // Every file decoded in the check before training: this one changed on disk since.
                throw new InvalidDataException($"{problem} (it decoded when training started)");
            }
        }

        var batch = tensor(_buffer, [batchSize, 3, spec.Height, spec.Width]);
        if (indices.Count < batchSize)
        {
            batch = batch.narrow(0, 0, indices.Count);
        }

        return device.type == DeviceType.CPU ? batch : batch.to(device);
    }
}
