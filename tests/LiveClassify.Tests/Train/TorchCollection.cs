namespace LiveClassify.Tests.Train;

/// <summary>
/// Tests that run libtorch: its random generator is process-wide, so a test that seeds it for a reproducible result
/// (a resumed run equal to a straight one) must not share the process with another drawing from it at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "libtorch";
}
