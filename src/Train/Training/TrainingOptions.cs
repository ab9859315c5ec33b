using LiveClassify.Core.Preprocessing;
using LiveClassify.Train.Data;
using LiveClassify.Train.Model;

namespace LiveClassify.Train.Training;

/// <summary>Everything <see cref="Trainer.Run"/> needs; the defaults are the command line's.</summary>
public sealed record TrainingOptions
{
    /// <summary>The class-folder dataset.</summary>
    public required string Dataset { get; init; }

    /// <summary>A separate validation folder with the same classes (<c>--val</c>); overrides <see cref="ValidationSplit"/>.</summary>
    public string? ValidationFolder { get; init; }

    /// <summary>Fraction of each class held out for validation (<c>--val-split</c>); 0 trains on everything.</summary>
    public double ValidationSplit { get; init; } = 0.2;

    /// <summary>Seeds the split, augmentation draws, shuffling, initial weights and dropout (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Square input side in pixels (<c>--size</c>).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>MobileNetV2 width multiplier.</summary>
    public double WidthMultiplier { get; init; } = 1.0;

    /// <summary>Normalisation of the input (<c>--preprocess</c>); torchvision's by default, which its weights expect.</summary>
    public Normalization Normalization { get; init; } = Normalization.Torch;

    /// <summary>How images of another aspect ratio are fitted.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    /// <summary>How much of the backbone trains (<c>--fine-tune</c>).</summary>
    public FineTuneDepth FineTune { get; init; } = FineTuneDepth.HeadOnly;

    /// <summary>Epochs (<c>--epochs</c>).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Images per batch (<c>--batch</c>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam or SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Random changes to training images (<c>--augment</c>).</summary>
    public Augmentation Augmentation { get; init; } = Augmentation.None;

    /// <summary>
    /// Augmented views drawn per training image; epoch e uses view e mod this. With a frozen backbone each view goes
    /// through it once into the cache, so this is the cache's cost multiplier. Ignored without augmentation.
    /// </summary>
    public int AugmentViews { get; init; } = 5;

    /// <summary>One sigmoid unit for two classes (<c>--binary</c>).</summary>
    public bool Binary { get; init; }

    /// <summary>ReLU dense layers of the head (<c>--head</c>).</summary>
    public IReadOnlyList<int> HeadHidden { get; init; } = [];

    /// <summary>Dropout before the head's first dense layer.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Weight the loss by inverse class frequency, so unbalanced folders do not bias the model.</summary>
    public bool ClassWeights { get; init; } = true;

    /// <summary>How the learning rate changes between epochs (<c>--schedule</c>).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Plateau;

    /// <summary>Epochs without improvement before the learning rate is reduced (ReduceLROnPlateau); 0 disables.</summary>
    public int PlateauPatience { get; init; } = 2;

    /// <summary>Factor applied to the learning rate on a plateau.</summary>
    public double PlateauFactor { get; init; } = 0.1;

    /// <summary>Lowest learning rate a plateau can reach; where a cosine schedule ends.</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Epochs without improvement before training stops and the best epoch is restored; 0 disables.</summary>
    public int EarlyStoppingPatience { get; init; } = 5;

    /// <summary>Cache backbone features when the backbone is frozen (off only to measure the plain loop).</summary>
    public bool FeatureCache { get; init; } = true;

    /// <summary>
    /// Most memory for preprocessed training and validation images kept between epochs when the backbone trains
    /// (<see cref="ImageViewCache"/>); 0 loads every image from disk in every epoch. A quarter of the memory available
    /// to the process by default (<see cref="DefaultImageCacheBytes"/>).
    /// </summary>
    public long ImageCacheBytes { get; init; } = DefaultImageCacheBytes;

    /// <summary>A quarter of the memory available to the process.</summary>
    public static long DefaultImageCacheBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>Folder for per-epoch checkpoints (the CLI uses <c>&lt;out&gt;.ckpt/</c>); null writes none.</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointFolder"/> (<c>--resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>"cpu" or "cuda" (<c>--device</c>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Copies pretrained backbone weights into the new model (the ONNX importer's <c>--base</c>); null trains from
    /// random initialisation.
    /// </summary>
    public Action<MobileNetV2Classifier>? LoadBaseWeights { get; init; }

    /// <summary>Where the initial weights came from, for the log and model card.</summary>
    public string BaseDescription { get; init; } = "random initialisation";

    /// <summary>The preprocessing contract these options train with.</summary>
    public PreprocessSpec Preprocess => new(
        ImageSize, ImageSize, Resize, Normalization.ImpliedColorOrder, Normalization, TensorLayout.Nchw, TensorElementType.Float32);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value that cannot work.</summary>
    public TrainingOptions Validated()
    {
        Check(ImageSize is >= MobileNetV2Architecture.MinInputSize and <= MobileNetV2Architecture.MaxInputSize,
            $"--size {ImageSize}: MobileNetV2 takes {MobileNetV2Architecture.MinInputSize} to {MobileNetV2Architecture.MaxInputSize} pixels.");
        Check(Epochs >= 1, $"--epochs {Epochs}: train at least one epoch.");
        Check(BatchSize >= 1, $"--batch {BatchSize}: a batch holds at least one image.");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"Learning rate {LearningRate} must be positive.");
        Check(ValidationSplit is >= 0 and < 1, $"--val-split {ValidationSplit}: use a fraction in [0, 1).");
        Check(AugmentViews >= 1, $"Augmented views {AugmentViews}: at least one.");
        Check(Schedule != LearningRateSchedule.Cosine || MinLearningRate < LearningRate,
            $"--schedule cosine decays the learning rate {LearningRate} towards {MinLearningRate}: use a larger --lr.");
        Check(PlateauFactor is > 0 and < 1, $"Plateau factor {PlateauFactor} must be in (0, 1).");
        Check(PlateauPatience >= 0 && EarlyStoppingPatience >= 0, "Patience values cannot be negative.");
        Check(Device is "cpu" or "cuda", $"--device '{Device}': use cpu or cuda.");
        Check(!Resume || CheckpointFolder is not null, "--resume needs a checkpoint folder.");
        Check(ImageCacheBytes >= 0, $"--image-cache-mb {ImageCacheBytes / (1024 * 1024)}: use 0 to turn the image cache off, or a size.");
        _ = Preprocess.Validated();
        _ = new HeadSpec(Binary ? 1 : 2, HeadHidden, Dropout).Validated();
        return this;

        static void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message);
            }
        }
    }

    /// <summary>Augmented views per image actually drawn.</summary>
    internal int Views => Augmentation.IsNone ? 1 : AugmentViews;
}
