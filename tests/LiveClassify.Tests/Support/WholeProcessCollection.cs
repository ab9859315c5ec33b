namespace LiveClassify.Tests.Support;

/// <summary>
/// Tests that measure the whole process (allocations on threads they do not own) run alone, so that no other test's
/// work is counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeProcessCollection
{
    public const string Name = "whole process";
}
