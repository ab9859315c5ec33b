// The build's inline task (build/TorchSharpGlibcxx.targets compiles this file with RoslynCodeTaskFactory, against
// netstandard 2.0: no spans, no newer file APIs) and, linked in, the tests' subject. Keep it self-contained.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LiveClassify.Build;

/// <summary>
/// Marks TorchSharp's requirement on <c>GLIBCXX_3.4.32</c> weak in the copy of <c>libLibTorchSharp.so</c> in a build,
/// test or publish output, so that it loads with the libstdc++ of GCC 12 (Debian 12, Ubuntu 22.04).
/// </summary>
/// <remarks>
/// TorchSharp's native library is built with GCC 13, whose <c>&lt;iostream&gt;</c> makes every translation unit
/// reference <c>std::ios_base_library_init()</c>, a marker symbol versioned GLIBCXX_3.4.32 that nothing calls. The
/// loader refuses a library that needs a symbol version the system's libstdc++ lacks, unless the requirement carries
/// VER_FLG_WEAK, in which case it only notes the absence. The patch sets that flag on that one Vernaux entry, and only
/// after checking that the marker is the only symbol that needs the version: a library that needed a real GCC 13
/// function would crash later instead of failing to load, so such a file is refused. Where libstdc++ has the version
/// the flag changes nothing. The NuGet cache is never written: the output file is replaced by a new file (never
/// written through, so a hard or symbolic link into the cache stays as it was), and a path inside the cache is refused.
/// </remarks>
public sealed class TorchSharpGlibcxxPatch : Microsoft.Build.Utilities.Task
{
    /// <summary>The version whose requirement is made weak.</summary>
    public const string Version = "GLIBCXX_3.4.32";

    /// <summary>The only symbol allowed to need <see cref="Version"/>: <c>std::ios_base_library_init()</c>.</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    /// <summary>The MSBuild error code of every refusal.</summary>
    public const string ErrorCode = "LCTORCH001";

    private const ushort VerFlagWeak = 0x2;
    private const uint SectionTypeVerneed = 0x6ffffffe;
    private const uint SectionTypeVersym = 0x6fffffff;
    private const uint SectionTypeDynsym = 11;
    private const ushort MachineX8664 = 62;
    private const int SymbolSize = 24;
    private const int VersionEntrySize = 16;
    private const string LibStdCxx = "libstdc++.so.6";

    /// <summary>What <see cref="PatchFile"/> did to a file.</summary>
    public enum Outcome
    {
        /// <summary>The requirement was strong and is now weak; the file was replaced.</summary>
        Patched,

        /// <summary>The requirement was already weak; the file was not touched.</summary>
        AlreadyWeak,

        /// <summary>The file does not require the version at all (a TorchSharp built differently); not touched.</summary>
        NotRequired,
    }

    /// <summary>The output copies of <c>libLibTorchSharp.so</c> to patch.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The NuGet package folder (<c>$(NuGetPackageRoot)</c>); files inside it are refused, never written.</summary>
    public string? NuGetPackageRoot { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                RefuseInside(path, NuGetPackageRoot);
                Outcome outcome = PatchFile(path);
                Log.LogMessage(outcome == Outcome.Patched ? MessageImportance.High : MessageImportance.Low,
                    "{0}: {1}", path, Describe(outcome));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, ErrorCode, null, path, 0, 0, 0, 0,
                    "cannot mark TorchSharp's {0} requirement weak, so libLibTorchSharp.so will not load where libstdc++ is older than GCC 13's: {1} "
                    + "(build with -p:PatchTorchSharpGlibcxx=false to skip the patch on a system whose libstdc++ has {0})",
                    Version, e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// Makes the <see cref="Version"/> requirement of the ELF file at <paramref name="path"/> weak, replacing the file
    /// with a patched copy; does nothing when it already is weak or is not required.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an x86-64 ELF shared object, is damaged, or symbols other
    /// than <see cref="MarkerSymbol"/> need the version; the message names the cause.</exception>
    public static Outcome PatchFile(string path)
    {
        byte[] image = File.ReadAllBytes(path);
        List<int> flagOffsets = FindRequirementFlags(image);
        if (flagOffsets.Count == 0)
        {
            return Outcome.NotRequired;
        }

        bool changed = false;
        foreach (int offset in flagOffsets)
        {
            ushort flags = U16(image, offset);
            if ((flags & VerFlagWeak) == 0)
            {
                WriteU16(image, offset, (ushort)(flags | VerFlagWeak));
                changed = true;
            }
        }

        if (!changed)
        {
            return Outcome.AlreadyWeak;
        }

        Replace(path, image);
        return Outcome.Patched;
    }

    /// <summary>One phrase saying what <paramref name="outcome"/> means, for the build log.</summary>
    public static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Patched => $"marked the {Version} requirement weak (needed only by {MarkerSymbol}, which is never called)",
        Outcome.AlreadyWeak => $"the {Version} requirement is already weak",
        _ => $"does not require {Version}; left as it is",
    };

    /// <summary>Refuses a path inside the NuGet package folder: those files are shared by every project on the machine.</summary>
    public static void RefuseInside(string path, string? packageRoot)
    {
        if (string.IsNullOrEmpty(packageRoot))
        {
            return;
        }

        string root = Path.GetFullPath(packageRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the file is inside the NuGet package folder {root}, which must never be modified");
        }
    }

    /// <summary>
    /// The file offsets of the <c>vna_flags</c> of every Vernaux entry naming <see cref="Version"/>, after checking that
    /// only <see cref="MarkerSymbol"/> is bound to it.
    /// </summary>
    private static List<int> FindRequirementFlags(byte[] image)
    {
        var elf = new ElfSections(image);
        var offsets = new List<int>();
        var versionIndexes = new List<int>();
        Section? verneed = elf.Find(SectionTypeVerneed);
        if (verneed is null)
        {
            return offsets;
        }

        Section names = elf.At(verneed.Value.Link);
        int need = verneed.Value.Offset;
        for (int n = 0; n < verneed.Value.Info; n++)
        {
            Check(image, need, VersionEntrySize, ".gnu.version_r entry");
            string file = names.String(image, U32(image, need + 4));
            int aux = need + (int)U32(image, need + 8);
            for (int a = 0; a < U16(image, need + 2); a++)
            {
                Check(image, aux, VersionEntrySize, ".gnu.version_r auxiliary entry");
                if (names.String(image, U32(image, aux + 8)) == Version)
                {
                    if (file != LibStdCxx)
                    {
                        throw new InvalidDataException($"{Version} is required from {file}, not from {LibStdCxx}");
                    }

                    offsets.Add(aux + 4);
                    versionIndexes.Add(U16(image, aux + 6) & 0x7fff);
                }

                aux += (int)U32(image, aux + 12);
            }

            uint next = U32(image, need + 12);
            if (next == 0)
            {
                break;
            }

            need += (int)next;
        }

        if (offsets.Count > 0)
        {
            CheckOnlyMarkerNeeds(image, elf, versionIndexes);
        }

        return offsets;
    }

    /// <summary>Refuses the file when any dynamic symbol other than the marker is bound to one of the version indexes.</summary>
    private static void CheckOnlyMarkerNeeds(byte[] image, ElfSections elf, List<int> versionIndexes)
    {
        Section versym = elf.Find(SectionTypeVersym)
            ?? throw new InvalidDataException("it has version requirements but no .gnu.version section to check them against");
        Section dynsym = elf.Find(SectionTypeDynsym)
            ?? throw new InvalidDataException("it has version requirements but no .dynsym section to check them against");
        Section names = elf.At(dynsym.Link);
        int count = dynsym.Size / SymbolSize;
        if (versym.Size / 2 != count)
        {
            throw new InvalidDataException($".gnu.version has {versym.Size / 2} entries for {count} dynamic symbols");
        }

        var others = new List<string>();
        for (int i = 0; i < count; i++)
        {
            int index = U16(image, versym.Offset + (2 * i)) & 0x7fff;
            if (!versionIndexes.Contains(index))
            {
                continue;
            }

            string name = names.String(image, U32(image, dynsym.Offset + (SymbolSize * i)));
            if (name != MarkerSymbol)
            {
                others.Add(name);
            }
        }

        if (others.Count > 0)
        {
            throw new InvalidDataException(
                $"{others.Count} symbol(s) other than {MarkerSymbol} need {Version} ({string.Join(", ", others.GetRange(0, Math.Min(others.Count, 5)))}), "
                + "so this build of TorchSharp needs GCC 13's libstdc++ for real");
        }
    }

    /// <summary>
    /// Writes <paramref name="image"/> to a new file beside <paramref name="path"/> and renames it over the path. The
    /// old file is never opened for writing, so when it is a link into the NuGet cache only the link is replaced. The
    /// copy keeps the old file's permissions and modification time: MSBuild's copy steps compare size and time with the
    /// package's file, and a different time would make every build copy the unpatched file again.
    /// </summary>
    private static void Replace(string path, byte[] image)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        DateTime modified = File.GetLastWriteTimeUtc(path);
        try
        {
            // File.Copy creates the new file with the old one's permission bits (the executable bit matters to some loaders).
            File.Copy(path, temporary);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
            {
                stream.Write(image, 0, image.Length);
            }

            File.SetLastWriteTimeUtc(temporary, modified);
            File.Replace(temporary, path, null);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Check(byte[] image, long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > image.Length)
        {
            throw new InvalidDataException($"the ELF file is truncated or damaged: its {what} lies outside the file");
        }
    }

    private static ushort U16(byte[] image, int offset)
    {
        Check(image, offset, 2, "data");
        return (ushort)(image[offset] | (image[offset + 1] << 8));
    }

    private static uint U32(byte[] image, int offset)
    {
        Check(image, offset, 4, "data");
        return (uint)(image[offset] | (image[offset + 1] << 8) | (image[offset + 2] << 16) | (image[offset + 3] << 24));
    }

    private static long U64(byte[] image, int offset) =>
        U32(image, offset) | ((long)U32(image, offset + 4) << 32);

    private static void WriteU16(byte[] image, int offset, ushort value)
    {
        image[offset] = (byte)value;
        image[offset + 1] = (byte)(value >> 8);
    }

    private static int Int(long value, string what) =>
        value is < 0 or > int.MaxValue ? throw new InvalidDataException($"the ELF file is damaged: its {what} is out of range") : (int)value;

    /// <summary>The section header table of a little-endian ELF64 x86-64 file.</summary>
    private sealed class ElfSections
    {
        private readonly Section[] _sections;

        public ElfSections(byte[] image)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw new InvalidDataException("it is not an ELF file");
            }

            if (image[4] != 2 || image[5] != 1 || U16(image, 18) != MachineX8664)
            {
                throw new InvalidDataException("it is not a 64-bit little-endian x86-64 ELF file (this patch is for linux-x64 only)");
            }

            int tableOffset = Int(U64(image, 0x28), "section header offset");
            int entrySize = U16(image, 0x3a);
            int count = U16(image, 0x3c);
            if (entrySize < 64)
            {
                throw new InvalidDataException($"the ELF file is damaged: its section headers are {entrySize} bytes, not 64");
            }

            Check(image, tableOffset, (long)entrySize * count, "section header table");
            _sections = new Section[count];
            for (int i = 0; i < count; i++)
            {
                int header = tableOffset + (i * entrySize);
                var section = new Section(
                    type: U32(image, header + 4),
                    offset: Int(U64(image, header + 24), "section offset"),
                    size: Int(U64(image, header + 32), "section size"),
                    link: (int)U32(image, header + 40),
                    info: (int)U32(image, header + 44));
                // SHT_NOBITS (8) occupies no file space; every section this patch reads has bytes in the file.
                if (section.Type != 8)
                {
                    Check(image, section.Offset, section.Size, "section");
                }

                _sections[i] = section;
            }
        }

        public Section? Find(uint type)
        {
            Section? found = null;
            foreach (Section section in _sections)
            {
                if (section.Type == type)
                {
                    if (found is not null)
                    {
                        throw new InvalidDataException($"the ELF file has more than one section of type 0x{type:x}");
                    }

                    found = section;
                }
            }

            return found;
        }

        public Section At(int index) => index > 0 && index < _sections.Length
            ? _sections[index]
            : throw new InvalidDataException($"the ELF file is damaged: a section links to section {index}, which does not exist");
    }

    /// <summary>The fields of one section header that the patch uses.</summary>
    /// <remarks>A plain struct, not a record: records need a type netstandard 2.0 lacks.</remarks>
    private readonly struct Section
    {
        public Section(uint type, int offset, int size, int link, int info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }

        public int Offset { get; }

        public int Size { get; }

        public int Link { get; }

        public int Info { get; }

        /// <summary>The NUL-terminated string at <paramref name="index"/> in this string table.</summary>
        public string String(byte[] image, uint index)
        {
            if (index >= (uint)Size)
            {
                throw new InvalidDataException($"the ELF file is damaged: a name at {index} lies outside its string table");
            }

            int start = Offset + (int)index;
            int end = start;
            while (end < Offset + Size && image[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(image, start, end - start);
        }
    }
}
