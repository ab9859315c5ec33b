namespace LiveClassify.Render.Graphics;

/// <summary>One OpenGL buffer object name.</summary>
internal sealed class GlBuffer : GlObject
{
    private GlBuffer(GlContext context, uint handle)
        : base(context, GlObjectKind.Buffer, handle)
    {
    }

    /// <summary>Creates a buffer name; the caller owns it.</summary>
    public static GlBuffer Create(GlContext context)
    {
        context.VerifyThread();
        return new GlBuffer(context, context.Gl.GenBuffer());
    }

    protected override void Delete(uint handle) => Context.Gl.DeleteBuffer(handle);
}
