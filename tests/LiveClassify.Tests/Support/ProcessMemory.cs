namespace LiveClassify.Tests.Support;

/// <summary>The process's memory as the kernel counts it, native allocations included.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size in bytes (VmRSS of /proc/self/status).</summary>
    public static long ResidentBytes()
    {
        // Process.WorkingSet64 reads the same figure, but through a cached snapshot that needs Refresh.
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        string kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
