namespace LiveClassify.Render.Graphics;

/// <summary>
/// Base of the GL object wrappers: holds the handle, counts it in the context's tracker, and deletes it exactly
/// once on the GL thread.
/// </summary>
/// <remarks>
/// No finalizer: a finalizer runs on another thread, where GL calls are invalid. Disposing after the context was
/// destroyed makes no GL call (the driver freed the object with the context) but still updates the count.
/// </remarks>
internal abstract class GlObject : IDisposable
{
    private readonly GlObjectKind _kind;
    private uint _handle;

    protected GlObject(GlContext context, GlObjectKind kind, uint handle)
    {
        if (handle == 0)
        {
            throw new InvalidOperationException($"OpenGL did not create a {kind} object.");
        }

        Context = context;
        _kind = kind;
        _handle = handle;
        context.Resources.Created(kind);
    }

    public GlContext Context { get; }

    /// <summary>The GL name; throws once disposed.</summary>
    public uint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(GetType().Name);

    public void Dispose()
    {
        if (!Context.IsLost)
        {
            Context.VerifyThread();
        }

        uint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0)
        {
            return;
        }

        if (!Context.IsLost)
        {
            Delete(handle);
        }

        Context.Resources.Deleted(_kind);
    }

    protected abstract void Delete(uint handle);
}
