using Silk.NET.OpenGL;

namespace LiveClassify.Render.Graphics;

/// <summary>
/// One OpenGL context as the renderers see it: the Silk.NET entry points, the thread the context is current on, and
/// the count of live objects.
/// </summary>
/// <remarks>
/// An OpenGL context is current on one thread; every GL call and every GL object's creation and deletion must happen
/// there. Renderers call <see cref="VerifyThread"/> at their public entry points so a call from another thread fails
/// with a clear message instead of corrupting state or crashing inside the driver.
/// </remarks>
public sealed class GlContext
{
    private readonly int _ownerThreadId;
    private volatile bool _lost;

    internal GlContext(GL gl)
    {
        Gl = gl;
        _ownerThreadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>The OpenGL functions, valid on the owning thread while the context lives.</summary>
    public GL Gl { get; }

    /// <summary>Live objects of this context, by kind.</summary>
    public GlResourceTracker Resources { get; } = new();

    /// <summary>Whether the context has been destroyed (its window closed).</summary>
    public bool IsLost => _lost;

    /// <summary>Throws unless called on the thread that owns the context, with the context still alive.</summary>
    public void VerifyThread()
    {
        if (_lost)
        {
            throw new ObjectDisposedException(nameof(GlContext), "The OpenGL context was destroyed with its window.");
        }

        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"OpenGL was called from thread {Environment.CurrentManagedThreadId}; its context belongs to thread {_ownerThreadId}.");
        }
    }

    internal void MarkLost() => _lost = true;
}
