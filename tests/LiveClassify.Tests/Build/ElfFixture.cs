using System.Buffers.Binary;
using System.Text;

namespace LiveClassify.Tests.Build;

/// <summary>
/// Writes the smallest ELF64 shared object the GLIBCXX patch reads: a header, <c>.dynsym</c>, <c>.dynstr</c>,
/// <c>.gnu.version</c>, <c>.gnu.version_r</c> and <c>.shstrtab</c>, with the given symbol version requirements.
/// </summary>
internal sealed class ElfFixture
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;
    private const int VersionEntrySize = 16;

    private readonly List<(string File, string[] Versions)> _requirements = [];
    private readonly List<(string Name, string? Version)> _symbols = [];

    /// <summary>The ELF machine number; 62 is x86-64.</summary>
    public ushort Machine { get; init; } = 62;

    /// <summary>Adds a Verneed entry for <paramref name="file"/> with one Vernaux entry per version.</summary>
    public ElfFixture Requires(string file, params string[] versions)
    {
        _requirements.Add((file, versions));
        return this;
    }

    /// <summary>Adds an undefined dynamic symbol bound to <paramref name="version"/> (null: unversioned).</summary>
    public ElfFixture Symbol(string name, string? version)
    {
        _symbols.Add((name, version));
        return this;
    }

    /// <summary>Writes the file and returns the file offset of each version's <c>vna_flags</c>, by version name.</summary>
    public IReadOnlyDictionary<string, int> Write(string path)
    {
        var dynstr = new StringTable();
        var versionIndexes = new Dictionary<string, int>();
        foreach (string version in _requirements.SelectMany(r => r.Versions))
        {
            // Indexes 0 and 1 mean local and global; requirements start at 2.
            versionIndexes.Add(version, versionIndexes.Count + 2);
        }

        byte[] dynsym = new byte[SymbolSize * (_symbols.Count + 1)];
        byte[] versym = new byte[2 * (_symbols.Count + 1)];
        for (int i = 0; i < _symbols.Count; i++)
        {
            var (name, version) = _symbols[i];
            Span<byte> symbol = dynsym.AsSpan(SymbolSize * (i + 1), SymbolSize);
            BinaryPrimitives.WriteUInt32LittleEndian(symbol, dynstr.Add(name));
            symbol[4] = 0x12; // STB_GLOBAL, STT_FUNC; st_shndx 0: undefined, imported.
            BinaryPrimitives.WriteUInt16LittleEndian(versym.AsSpan(2 * (i + 1)), (ushort)(version is null ? 1 : versionIndexes[version]));
        }

        int entries = _requirements.Sum(r => 1 + r.Versions.Length);
        byte[] verneed = new byte[VersionEntrySize * entries];
        var flagOffsets = new Dictionary<string, int>();
        int at = 0;
        for (int n = 0; n < _requirements.Count; n++)
        {
            var (file, versions) = _requirements[n];
            Span<byte> need = verneed.AsSpan(at, VersionEntrySize);
            BinaryPrimitives.WriteUInt16LittleEndian(need, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(need[2..], (ushort)versions.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(need[4..], dynstr.Add(file));
            BinaryPrimitives.WriteUInt32LittleEndian(need[8..], VersionEntrySize);
            bool last = n == _requirements.Count - 1;
            BinaryPrimitives.WriteUInt32LittleEndian(need[12..], last ? 0u : (uint)(VersionEntrySize * (1 + versions.Length)));
            at += VersionEntrySize;
            for (int a = 0; a < versions.Length; a++)
            {
                Span<byte> aux = verneed.AsSpan(at, VersionEntrySize);
                flagOffsets[versions[a]] = at + 4;
                BinaryPrimitives.WriteUInt16LittleEndian(aux[6..], (ushort)versionIndexes[versions[a]]);
                BinaryPrimitives.WriteUInt32LittleEndian(aux[8..], dynstr.Add(versions[a]));
                BinaryPrimitives.WriteUInt32LittleEndian(aux[12..], a == versions.Length - 1 ? 0u : VersionEntrySize);
                at += VersionEntrySize;
            }
        }

        var shstrtab = new StringTable();
        var sections = new List<(uint Name, uint Type, byte[] Data, uint Link, uint Info)>
        {
            (shstrtab.Add(".dynsym"), 11, dynsym, 2, 1),
            (shstrtab.Add(".dynstr"), 3, dynstr.ToArray(), 0, 0),
            (shstrtab.Add(".gnu.version"), 0x6fffffff, versym, 1, 0),
            (shstrtab.Add(".gnu.version_r"), 0x6ffffffe, verneed, 2, (uint)_requirements.Count),
        };
        sections.Add((shstrtab.Add(".shstrtab"), 3, shstrtab.ToArray(), 0, 0));

        using var elf = new MemoryStream();
        elf.Write(new byte[HeaderSize]);
        var offsets = new List<long>();
        foreach (var section in sections)
        {
            elf.Position = (elf.Length + 7) & ~7L;
            offsets.Add(elf.Position);
            elf.Write(section.Data);
        }

        long sectionTable = (elf.Length + 7) & ~7L;
        elf.Position = sectionTable;
        elf.Write(new byte[SectionHeaderSize]);
        for (int i = 0; i < sections.Count; i++)
        {
            byte[] header = new byte[SectionHeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(header, sections[i].Name);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), sections[i].Type);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), offsets[i]);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), sections[i].Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), sections[i].Link);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), sections[i].Info);
            elf.Write(header);
        }

        byte[] image = elf.ToArray();
        "\u007fELF"u8.CopyTo(image);
        image[4] = 2; // ELFCLASS64
        image[5] = 1; // ELFDATA2LSB
        image[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(16), 3); // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(20), 1);
        BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(0x28), sectionTable);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x34), HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3a), SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3c), (ushort)(sections.Count + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3e), (ushort)sections.Count);
        File.WriteAllBytes(path, image);

        // Section data starts after the header; flag offsets so far are relative to .gnu.version_r.
        long verneedOffset = offsets[3];
        return flagOffsets.ToDictionary(pair => pair.Key, pair => (int)verneedOffset + pair.Value);
    }

    /// <summary>An ELF string table: NUL-separated names after a leading NUL.</summary>
    private sealed class StringTable
    {
        private readonly List<byte> _bytes = [0];

        public uint Add(string name)
        {
            uint offset = (uint)_bytes.Count;
            _bytes.AddRange(Encoding.ASCII.GetBytes(name));
            _bytes.Add(0);
            return offset;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
