namespace LiveClassify.Tests.Support;

/// <summary>Measures what an operation allocates once it has settled.</summary>
internal static class SteadyState
{
    /// <summary>
    /// The fewest bytes the calling thread allocated over any of <paramref name="windows"/> windows of
    /// <paramref name="calls"/> calls. A per-call allocation shows in every window; a one-off one (the runtime
    /// recompiling a hot method while the machine is busy, say) in one at most, so the steady state is the quietest
    /// window.
    /// </summary>
    public static long AllocatedBytes(Action operation, int calls = 100, int windows = 3)
    {
        long fewest = long.MaxValue;
        for (int window = 0; window < windows && fewest > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                operation();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
