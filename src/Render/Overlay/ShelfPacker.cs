namespace LiveClassify.Render.Overlay;

/// <summary>Places rectangles left to right in rows ("shelves") of a fixed-width image that grows downwards.</summary>
internal sealed class ShelfPacker
{
    private readonly int _width;
    private readonly int _gap;
    private int _x;
    private int _y;
    private int _shelfHeight;

    public ShelfPacker(int width, int gap)
    {
        _width = width;
        _gap = gap;
        _x = gap;
        _y = gap;
    }

    /// <summary>Height needed so far, including the gap below the last shelf.</summary>
    public int Height => _y + _shelfHeight + _gap;

    public (int X, int Y) Place(int itemWidth, int itemHeight)
    {
        if (itemWidth + (2 * _gap) > _width)
        {
            throw new ArgumentOutOfRangeException(nameof(itemWidth), itemWidth, $"Wider than the {_width}-pixel atlas.");
        }

        if (_x + itemWidth + _gap > _width)
        {
            _y += _shelfHeight + _gap;
            _x = _gap;
            _shelfHeight = 0;
        }

        var place = (_x, _y);
        _x += itemWidth + _gap;
        _shelfHeight = Math.Max(_shelfHeight, itemHeight);
        return place;
    }
}
