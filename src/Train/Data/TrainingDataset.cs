using LiveClassify.Core.Datasets;

namespace LiveClassify.Train.Data;

/// <summary>
/// The images of a class-folder dataset with their labels. Class names are the sorted subfolder names (Core's
/// <see cref="DatasetFolder"/> rules); files at the root are ignored. Nothing is decoded here.
/// </summary>
public sealed class TrainingDataset
{
    private TrainingDataset(string root, IReadOnlyList<string> classNames, IReadOnlyList<LabeledImage> images)
    {
        Root = root;
        ClassNames = classNames;
        Images = images;
    }

    /// <summary>Full path of the dataset folder.</summary>
    public string Root { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every image, class by class, in file-name order within a class.</summary>
    public IReadOnlyList<LabeledImage> Images { get; }

    /// <summary>Opens a training dataset.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">Fewer than two classes, or a class folder without images.</exception>
    public static TrainingDataset Open(string root)
    {
        var folder = DatasetFolder.Scan(root);
        if (folder.Classes.Count < 2)
        {
            throw new InvalidDataException(
                $"Dataset {folder.Root} has {folder.Classes.Count} class folder(s): training needs at least two subfolders, one per class.");
        }

        var empty = folder.Classes.FirstOrDefault(c => c.Images.Count == 0);
        if (empty is not null)
        {
            throw new InvalidDataException($"Class '{empty.Name}' in {folder.Root} has no images ({empty.Folder}).");
        }

        var images = new List<LabeledImage>(folder.ImageCount);
        for (int label = 0; label < folder.Classes.Count; label++)
        {
            images.AddRange(folder.Classes[label].Images.Select(path => new LabeledImage(path, label)));
        }

        return new TrainingDataset(folder.Root, folder.ClassNames, images);
    }

    /// <summary>
    /// Opens a separate validation folder, which must have exactly the training classes (a class missing from either
    /// would silently shift every label index after it).
    /// </summary>
    public TrainingDataset OpenMatching(string validationRoot)
    {
        var validation = Open(validationRoot);
        if (!validation.ClassNames.SequenceEqual(ClassNames, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"Validation folder {validation.Root} has classes [{string.Join(", ", validation.ClassNames)}]; the training folder has [{string.Join(", ", ClassNames)}].");
        }

        return validation;
    }

    /// <summary>Image count per class, in label order.</summary>
    public static int[] CountPerClass(IReadOnlyList<LabeledImage> images, int classCount)
    {
        ArgumentNullException.ThrowIfNull(images);
        var counts = new int[classCount];
        foreach (var image in images)
        {
            counts[image.Label]++;
        }

        return counts;
    }
}
