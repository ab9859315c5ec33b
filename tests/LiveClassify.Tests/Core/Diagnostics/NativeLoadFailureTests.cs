using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Tests.Core.Diagnostics;

public sealed class NativeLoadFailureTests
{
    // The shape of .NET 10's message on Linux: one line per path tried, one of which holds the cause.
    private const string Probing =
        "Unable to load shared library 'LibTorchSharp' or one of its dependencies. In order to help diagnose loading " +
        "problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n" +
        "/app/LibTorchSharp.so: cannot open shared object file: No such file or directory\n" +
        "{0}\n" +
        "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libLibTorchSharp.so: cannot open shared object file: No such file or directory\n";

    [Fact]
    public void A_missing_symbol_version_is_named_with_its_cause()
    {
        var failure = new TypeInitializationException("TorchSharp.torch", new DllNotFoundException(string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Probing,
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)")));

        string line = NativeLoadFailure.Describe(failure);

        Assert.Equal(
            "library 'LibTorchSharp' could not be loaded: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' " +
            "not found (required by /app/libLibTorchSharp.so) (the system libstdc++ is older than the library was built for)",
            line);
    }

    [Fact]
    public void A_missing_dependency_points_to_the_setup_script()
    {
        var failure = new DllNotFoundException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Probing,
            "/app/libLibTorchSharp.so: libgtk-3.so.0: cannot open shared object file: No such file or directory"));

        string line = NativeLoadFailure.Describe(failure);

        Assert.StartsWith("library 'LibTorchSharp' could not be loaded: /app/libLibTorchSharp.so: libgtk-3.so.0:", line, StringComparison.Ordinal);
        Assert.EndsWith("run scripts/setup-native.sh)", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_library_found_nowhere_says_so()
    {
        var failure = new DllNotFoundException(string.Format(System.Globalization.CultureInfo.InvariantCulture, Probing,
            "/app/libLibTorchSharp.so: cannot open shared object file: No such file or directory"));

        Assert.Equal(
            "library 'LibTorchSharp' could not be loaded: it is not beside the program or on the library path (is the build complete?)",
            NativeLoadFailure.Describe(failure));
    }

    [Fact]
    public void A_report_from_a_failure_is_broken_and_blocking_when_required()
    {
        var report = NativeLoadFailure.Report("OpenCV", required: true, new EntryPointNotFoundException("Unable to find an entry point named 'x'."));

        Assert.False(report.Working);
        Assert.True(report.IsBlocking);
        Assert.Empty(report.Facts);
        Assert.Contains("Unable to find an entry point named 'x'.", report.Problem, StringComparison.Ordinal);
    }
}
