namespace LiveClassify.Capture.Sources;

/// <summary>The generated test patterns a <c>synthetic:</c> source can show.</summary>
public enum SyntheticPattern
{
    /// <summary>A square and a disc moving on fixed paths over a dark background (<c>moving-shapes</c>).</summary>
    MovingShapes,

    /// <summary>Eight vertical colour bars: white, yellow, cyan, green, magenta, red, blue, black (<c>color-bars</c>).</summary>
    ColorBars,

    /// <summary>The frame index as a block code that <see cref="Synthetic.CounterCode"/> reads back (<c>counter</c>).</summary>
    Counter,
}
