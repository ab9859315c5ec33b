using System.Runtime.InteropServices;
using LiveClassify.Train.Native;

namespace LiveClassify.Tests.Train.Native;

// Measures the process heap, so no other test may allocate or free while it runs.
[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed unsafe partial class LibTorchMemoryTuningTests
{
    // Larger than glibc's largest dynamic mmap threshold (32 MiB), so by default it would be mapped; smaller than an
    // arena heap (64 MiB), so any thread's arena can hold it.
    private const int BlockSize = 48 << 20;

    [Fact]
    public void After_Apply_a_large_block_comes_from_the_heap_not_from_mmap()
    {
        Assert.True(LibTorchMemoryTuning.Apply());
        nuint mappedBefore = MallInfo().Hblkhd;

        void* block = NativeMemory.Alloc(BlockSize);
        nuint mappedDuring = MallInfo().Hblkhd;
        NativeMemory.Free(block);

        Assert.True(mappedDuring < mappedBefore + BlockSize, $"mmapped bytes went from {mappedBefore} to {mappedDuring}");
    }

    [Fact]
    public void After_Apply_freeing_a_large_block_keeps_the_heap()
    {
        Assert.True(LibTorchMemoryTuning.Apply());

        void* block = NativeMemory.Alloc(BlockSize);
        nuint heapDuring = MallInfo().Arena;
        NativeMemory.Free(block);
        nuint heapAfter = MallInfo().Arena;

        Assert.True(heapAfter >= heapDuring, $"the heap shrank from {heapDuring} to {heapAfter} bytes");
    }

    /// <summary>glibc's <c>struct mallinfo2</c> (glibc 2.33 and later): the fields used here and their neighbours.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallocStatistics
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocStatistics MallInfo();
}
