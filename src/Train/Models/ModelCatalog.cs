using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Train.Models;

/// <summary>The pretrained models <c>liveclassify models pull</c> knows, each pinned by URL, size and SHA-256.</summary>
public static class ModelCatalog
{
    /// <summary>
    /// ImageNet MobileNetV2 (width 1.0, 1000 classes) from the ONNX Model Zoo, opset 12, exported from torchvision:
    /// input float32 NCHW [N, 3, 224, 224] with torchvision's normalisation, output 1000 logits. Labels are PyTorch
    /// Hub's <c>imagenet_classes.txt</c>. Both files are pinned by their SHA-256 as published on 2026-11-29.
    /// </summary>
    public static ModelCatalogEntry MobileNetV2 { get; } = new(
        "mobilenetv2",
        "MobileNetV2 1.0, ImageNet (1000 classes), ONNX Model Zoo opset 12, torchvision preprocessing at 224",
        new Uri("https://github.com/onnx/models/raw/main/validated/vision/classification/mobilenet/model/mobilenetv2-12.onnx"),
        "c0c3f76d93fa3fd6580652a45618618a220fced18babf65774ed169de0432ad5",
        13_964_571,
        new Uri("https://raw.githubusercontent.com/pytorch/hub/master/imagenet_classes.txt"),
        "1f386e0d1cb6e28b9c2dac651c3dea6801e98ad1b41a14ce6bb1a093d72069f5",
        new PreprocessSpec(224, 224, ResizeMode.Crop, ColorOrder.Rgb, Normalization.Torch, TensorLayout.Nchw, TensorElementType.Float32),
        OutputKind.Logits);

    /// <summary>Every entry.</summary>
    public static IReadOnlyList<ModelCatalogEntry> Entries { get; } = [MobileNetV2];

    /// <summary>An entry by name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No entry has that name; the message lists the names.</exception>
    public static ModelCatalogEntry Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No model named '{name}' in the catalog: available are {string.Join(", ", Entries.Select(e => e.Name))}.", nameof(name));
}
