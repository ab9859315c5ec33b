using System.Reflection;

namespace LiveClassify.Core.Diagnostics;

/// <summary>
/// Turns the exception a native library throws when it cannot be used into one line a user can act on.
/// </summary>
/// <remarks>
/// A wrapper's first call into its native library throws <see cref="DllNotFoundException"/>, often wrapped in the
/// <see cref="TypeInitializationException"/> of the class that holds the P/Invoke declarations. The runtime's message
/// lists every path it tried, one per line, and only one of those lines holds the cause (a missing dependency, a
/// symbol version the system library lacks); this class finds that line.
/// </remarks>
public static class NativeLoadFailure
{
    private const string NoSuchFile = ": cannot open shared object file: No such file or directory";

    /// <summary>A report for a stack whose probe failed with <paramref name="exception"/>.</summary>
    public static StackReport Report(string name, bool required, Exception exception) =>
        new(name, required, Working: false, Facts: [], Problem: Describe(exception));

    /// <summary>One line naming what failed to load and why, with the fix when it is known.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception cause = Cause(exception);
        return cause switch
        {
            DllNotFoundException missing => DescribeLibrary(missing.Message),
            EntryPointNotFoundException entry =>
                $"a native library lacks a function this build calls (a mismatched version?): {FirstLine(entry.Message)}",
            BadImageFormatException image =>
                $"a native library is damaged or built for another architecture: {FirstLine(image.Message)}",
            _ => $"{cause.GetType().Name}: {FirstLine(cause.Message)}",
        };
    }

    /// <summary>The innermost exception that says something, skipping the wrappers around a native load failure.</summary>
    private static Exception Cause(Exception exception)
    {
        Exception current = exception;
        while (current is TypeInitializationException or TargetInvocationException or AggregateException
            && current.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }

    private static string DescribeLibrary(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string library = Quoted(lines[0]) ?? "a native library";

        // The lines after the first are one per path the runtime tried; a path that simply is not there says nothing.
        string? cause = lines.Skip(1).FirstOrDefault(line => !IsPlainMiss(line));
        if (cause is null)
        {
            return $"{library} could not be loaded: it is not beside the program or on the library path (is the build complete?)";
        }

        string hint = cause.Contains("version `GLIBCXX_", StringComparison.Ordinal)
            ? " (the system libstdc++ is older than the library was built for)"
            : cause.Contains("cannot open shared object file", StringComparison.Ordinal)
                ? " (a system library it needs is missing: run scripts/setup-native.sh)"
                : "";
        return $"{library} could not be loaded: {cause}{hint}";
    }

    /// <summary>"path: cannot open shared object file: No such file or directory" with no dependency named.</summary>
    private static bool IsPlainMiss(string line) =>
        line.EndsWith(NoSuchFile, StringComparison.Ordinal)
        && !line[..^NoSuchFile.Length].Contains(": ", StringComparison.Ordinal);

    private static string? Quoted(string line)
    {
        int start = line.IndexOf('\'', StringComparison.Ordinal);
        int end = start < 0 ? -1 : line.IndexOf('\'', start + 1);
        return end > start ? $"library '{line[(start + 1)..end]}'" : null;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
