using System.Globalization;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// A reusable line of characters for building overlay text from numbers without allocating strings. Text past the
/// capacity is cut off.
/// </summary>
internal sealed class TextLine
{
    private readonly char[] _chars;
    private int _length;

    public TextLine(int capacity) => _chars = new char[capacity];

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public TextLine Clear()
    {
        _length = 0;
        return this;
    }

    public TextLine Append(ReadOnlySpan<char> text)
    {
        int count = Math.Min(text.Length, _chars.Length - _length);
        text[..count].CopyTo(_chars.AsSpan(_length));
        _length += count;
        return this;
    }

    public TextLine Append<T>(T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        if (value.TryFormat(_chars.AsSpan(_length), out int written, format, CultureInfo.InvariantCulture))
        {
            _length += written;
        }

        return this;
    }
}
