namespace LiveClassify.Train.Data;

/// <summary>Training and validation images.</summary>
public sealed record DatasetSplit(IReadOnlyList<LabeledImage> Training, IReadOnlyList<LabeledImage> Validation)
{
    /// <summary>
    /// Holds out <paramref name="validationFraction"/> of every class, chosen by a shuffle seeded with
    /// <paramref name="seed"/>: the same folder contents and seed give the same split on every run and machine
    /// (<see cref="Random(int)"/> is a fixed algorithm). Every class keeps at least one training image, and gets at
    /// least one validation image when the fraction is above zero and the class has two or more.
    /// </summary>
    public static DatasetSplit Stratified(TrainingDataset dataset, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(validationFraction is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1).");
        }

        var training = new List<LabeledImage>();
        var validation = new List<LabeledImage>();
        foreach (var group in dataset.Images.GroupBy(image => image.Label).OrderBy(g => g.Key))
        {
            // The files are already in ordinal order; a per-class generator keeps one class's split independent of
            // images added to another. (Not HashCode.Combine: it is randomised per process.)
            var images = group.ToArray();
            new Random(unchecked((seed * 7919) + group.Key) & int.MaxValue).Shuffle(images);
            int held = (int)Math.Round(images.Length * validationFraction, MidpointRounding.AwayFromZero);
            if (validationFraction > 0 && images.Length >= 2)
            {
                held = Math.Clamp(held, 1, images.Length - 1);
            }
            else
            {
                held = Math.Min(held, images.Length - 1);
            }

            validation.AddRange(images.Take(held).OrderBy(i => i.Path, StringComparer.Ordinal));
            training.AddRange(images.Skip(held).OrderBy(i => i.Path, StringComparer.Ordinal));
        }

        return new DatasetSplit(training, validation);
    }
}
