using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Cli.Diagnostics;

/// <summary>The machine under the native stacks: operating system, glibc, libstdc++ and .NET.</summary>
public static partial class SystemProbe
{
    /// <summary>The stack's name in reports.</summary>
    public const string Name = "System";

    /// <summary>
    /// Reports the distribution and kernel, glibc's version, the libstdc++ the dynamic loader picks and the newest
    /// GLIBCXX symbol version it has (native packages built with a newer GCC need more), and the .NET runtime.
    /// </summary>
    public static StackReport Run()
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new("OS", $"{Distribution()}, kernel {Kernel()}, {RuntimeInformation.OSArchitecture}"),
            new("CPUs, memory", $"{Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB"),
            new(".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})"),
        };
        if (!OperatingSystem.IsLinux())
        {
            return new StackReport(Name, Required: true, Working: false, facts, "LiveClassify runs on Linux only.");
        }

        try
        {
            facts.Add(new("glibc", Marshal.PtrToStringUTF8(GnuGetLibcVersion()) ?? "unknown"));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new StackReport(Name, Required: true, Working: false, facts,
                "glibc was not found: LiveClassify needs a glibc-based Linux (Debian, Ubuntu), not musl.");
        }

        facts.Add(new("libstdc++", LibStdCxx()));
        return new StackReport(Name, Required: true, Working: true, facts);
    }

    [LibraryImport("libc.so.6", EntryPoint = "gnu_get_libc_version")]
    private static partial nint GnuGetLibcVersion();

    private static string Distribution()
    {
        const string OsRelease = "/etc/os-release";
        string? pretty = File.Exists(OsRelease)
            ? File.ReadLines(OsRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            : null;
        return pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string Kernel()
    {
        const string Release = "/proc/sys/kernel/osrelease";
        return File.Exists(Release) ? File.ReadAllText(Release).Trim() : Environment.OSVersion.Version.ToString();
    }

    /// <summary>The file the loader resolves libstdc++.so.6 to, and the newest GLIBCXX_ version string in it.</summary>
    private static string LibStdCxx()
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out nint handle))
        {
            return "not found (install libstdc++6)";
        }

        try
        {
            // The loader does not say which file it opened; the process's memory map does.
            string? path = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && fields[5].Contains("/libstdc++.so", StringComparison.Ordinal))
                .Select(fields => fields[5])
                .FirstOrDefault();
            if (path is null)
            {
                return "loaded, but its file is not in /proc/self/maps";
            }

            Version? newest = GlibcxxVersions(File.ReadAllBytes(path)).Max();
            return newest is null ? path : $"{path} (GLIBCXX up to {newest})";
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    private static IEnumerable<Version> GlibcxxVersions(byte[] library) =>
        GlibcxxPattern().Matches(Encoding.Latin1.GetString(library)).Select(m => Version.Parse(m.Groups[1].Value));

    [GeneratedRegex(@"GLIBCXX_(\d+\.\d+(?:\.\d+)?)\0")]
    private static partial Regex GlibcxxPattern();
}
