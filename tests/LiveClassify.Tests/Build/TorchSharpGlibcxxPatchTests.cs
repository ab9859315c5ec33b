using System.Diagnostics;
using System.Runtime.Versioning;
using LiveClassify.Build;
using LiveClassify.Tests.Support;
using Microsoft.Build.Utilities;

namespace LiveClassify.Tests.Build;

public sealed class TorchSharpGlibcxxPatchTests
{
    private const string Marker = TorchSharpGlibcxxPatch.MarkerSymbol;
    private const string Target = TorchSharpGlibcxxPatch.Version;

    /// <summary>A library shaped like TorchSharp's: libc and libstdc++ requirements, the marker alone on 3.4.32.</summary>
    private static ElfFixture TorchSharpLike() => new ElfFixture()
        .Requires("libc.so.6", "GLIBC_2.2.5")
        .Requires("libstdc++.so.6", "GLIBCXX_3.4.30", Target, "CXXABI_1.3")
        .Symbol("malloc", "GLIBC_2.2.5")
        .Symbol("_ZNSt6chrono3_V212system_clock3nowEv", "GLIBCXX_3.4.30")
        .Symbol(Marker, Target)
        .Symbol("__cxa_begin_catch", "CXXABI_1.3")
        .Symbol("unversioned_helper", null);

    [Fact]
    public void Crafted_library_gets_exactly_the_one_flag_set()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        var flags = TorchSharpLike().Write(path);
        byte[] before = File.ReadAllBytes(path);

        var outcome = TorchSharpGlibcxxPatch.PatchFile(path);

        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.Patched, outcome);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal([flags[Target]], changed);
        Assert.Equal(0x02, after[flags[Target]]);
        Assert.Equal(0x00, after[flags[Target] + 1]);
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Write(path);
        TorchSharpGlibcxxPatch.PatchFile(path);
        byte[] once = File.ReadAllBytes(path);
        DateTime modified = File.GetLastWriteTimeUtc(path);

        var outcome = TorchSharpGlibcxxPatch.PatchFile(path);

        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.AlreadyWeak, outcome);
        Assert.Equal(once, File.ReadAllBytes(path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Patched_file_keeps_its_modification_time_and_permissions()
    {
        // MSBuild's copy steps skip a file whose size and time match the package's; a new time would recopy it unpatched.
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Write(path);
        var stamp = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);

        TorchSharpGlibcxxPatch.PatchFile(path);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void File_where_another_symbol_needs_the_version_is_refused_and_left_alone()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Symbol("_ZNSt8__format5_SinkIcE8_M_writeEc", Target).Write(path);
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<InvalidDataException>(() => TorchSharpGlibcxxPatch.PatchFile(path));

        Assert.Contains("_ZNSt8__format5_SinkIcE8_M_writeEc", error.Message, StringComparison.Ordinal);
        Assert.Contains(Target, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Version_required_from_a_library_other_than_libstdcxx_is_refused()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        new ElfFixture().Requires("libother.so.1", Target).Symbol(Marker, Target).Write(path);

        var error = Assert.Throws<InvalidDataException>(() => TorchSharpGlibcxxPatch.PatchFile(path));

        Assert.Contains("libother.so.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_elf_file_is_refused()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        File.WriteAllText(path, "INPUT(libLibTorchSharp.so.0)\n" + new string(' ', 100));

        var error = Assert.Throws<InvalidDataException>(() => TorchSharpGlibcxxPatch.PatchFile(path));

        Assert.Equal("it is not an ELF file", error.Message);
    }

    [Fact]
    public void Elf_file_for_another_machine_is_refused()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        new ElfFixture { Machine = 183 }.Requires("libstdc++.so.6", Target).Symbol(Marker, Target).Write(path);

        var error = Assert.Throws<InvalidDataException>(() => TorchSharpGlibcxxPatch.PatchFile(path));

        Assert.Contains("x86-64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Write(path);
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => TorchSharpGlibcxxPatch.PatchFile(path));

        Assert.Contains("truncated or damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_that_does_not_need_the_version_is_left_alone()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        new ElfFixture().Requires("libstdc++.so.6", "GLIBCXX_3.4.30").Symbol("_ZdlPv", "GLIBCXX_3.4.30").Write(path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.NotRequired, TorchSharpGlibcxxPatch.PatchFile(path));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Hard_link_into_the_package_cache_is_replaced_not_written_through()
    {
        using var temp = new TempFolder();
        string cached = temp.Combine("cache", "libLibTorchSharp.so");
        string output = temp.Combine("bin", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        TorchSharpLike().Write(cached);
        byte[] original = File.ReadAllBytes(cached);
        HardLink(cached, output);

        TorchSharpGlibcxxPatch.PatchFile(output);

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.NotEqual(original, File.ReadAllBytes(output));
    }

    [Fact]
    public void Symbolic_link_into_the_package_cache_is_replaced_by_a_patched_file()
    {
        using var temp = new TempFolder();
        string cached = temp.Combine("cache.so");
        string output = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Write(cached);
        byte[] original = File.ReadAllBytes(cached);
        File.CreateSymbolicLink(output, cached);

        TorchSharpGlibcxxPatch.PatchFile(output);

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.NotEqual(original, File.ReadAllBytes(output));
    }

    [Fact]
    public void Task_refuses_a_file_inside_the_package_folder_with_LCTORCH001()
    {
        using var temp = new TempFolder();
        string packages = temp.Combine("packages");
        string cached = Path.Combine(packages, "torchsharp", "0.107.0", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        TorchSharpLike().Write(cached);
        byte[] original = File.ReadAllBytes(cached);
        var engine = new RecordingBuildEngine();
        var task = new TorchSharpGlibcxxPatch { BuildEngine = engine, Files = [new TaskItem(cached)], NuGetPackageRoot = packages + "/" };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("LCTORCH001", error.Code);
        Assert.Equal(cached, error.File);
        Assert.Contains("NuGet package folder", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(cached));
    }

    [Fact]
    public void Task_reports_a_refused_file_as_one_LCTORCH001_error_naming_the_cause()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        TorchSharpLike().Symbol("_ZSt7println", Target).Write(path);
        var engine = new RecordingBuildEngine();
        var task = new TorchSharpGlibcxxPatch { BuildEngine = engine, Files = [new TaskItem(path)] };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("LCTORCH001", error.Code);
        Assert.Contains("_ZSt7println", error.Message, StringComparison.Ordinal);
        Assert.Contains("-p:PatchTorchSharpGlibcxx=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_library_gets_one_byte_changed_and_then_nothing()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("libLibTorchSharp.so");
        File.Copy(TorchSharpPackage.CachedNativeLibrary(), path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.Patched, TorchSharpGlibcxxPatch.PatchFile(path));
        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.AlreadyWeak, TorchSharpGlibcxxPatch.PatchFile(path));

        int changed = Assert.Single(Enumerable.Range(0, before.Length), i => before[i] != after[i]);
        Assert.Equal(before[changed] | 0x02, after[changed]);
        Assert.Equal(after, File.ReadAllBytes(path));
    }

    [Fact]
    public void Build_output_copy_is_patched_and_the_package_cache_copy_is_not()
    {
        using var temp = new TempFolder();
        string output = temp.Combine("output.so");
        string cached = temp.Combine("cached.so");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"), output);
        File.Copy(TorchSharpPackage.CachedNativeLibrary(), cached);

        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.AlreadyWeak, TorchSharpGlibcxxPatch.PatchFile(output));
        Assert.Equal(TorchSharpGlibcxxPatch.Outcome.Patched, TorchSharpGlibcxxPatch.PatchFile(cached));
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [existing, link]) { UseShellExecute = false })!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
