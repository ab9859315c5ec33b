namespace LiveClassify.Render.Graphics;

/// <summary>
/// Counts the OpenGL objects of one context that are alive, by kind, so a shutdown can prove it released them all.
/// </summary>
/// <remarks>
/// Every GL object wrapper reports its creation and deletion here. The counts stay readable after the context is
/// gone: a test or the live loop disposes its renderers, then checks <see cref="TotalLive"/> is 0.
/// </remarks>
public sealed class GlResourceTracker
{
    private readonly int[] _live = new int[Enum.GetValues<GlObjectKind>().Length];

    /// <summary>Objects of one kind created and not yet deleted.</summary>
    public int Live(GlObjectKind kind) => Volatile.Read(ref _live[(int)kind]);

    /// <summary>Objects of every kind created and not yet deleted.</summary>
    public int TotalLive
    {
        get
        {
            int total = 0;
            for (int i = 0; i < _live.Length; i++)
            {
                total += Volatile.Read(ref _live[i]);
            }

            return total;
        }
    }

    /// <summary>A one-line summary such as "1 Texture, 2 Buffer", or "none".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var kind in Enum.GetValues<GlObjectKind>())
        {
            int count = Live(kind);
            if (count != 0)
            {
                parts.Add($"{count} {kind}");
            }
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    internal void Created(GlObjectKind kind) => Interlocked.Increment(ref _live[(int)kind]);

    internal void Deleted(GlObjectKind kind) => Interlocked.Decrement(ref _live[(int)kind]);
}
