namespace LiveClassify.Tests.Support;

/// <summary>
/// Tests that measure the whole process's resident memory: another test opening a session or decoding a video at the
/// same time would show as growth, so they run with nothing beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemorySoakCollection
{
    public const string Name = "Memory soak";
}
