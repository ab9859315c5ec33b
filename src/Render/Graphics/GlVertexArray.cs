namespace LiveClassify.Render.Graphics;

/// <summary>One OpenGL vertex array object; a 3.3 core context draws nothing without one bound.</summary>
internal sealed class GlVertexArray : GlObject
{
    private GlVertexArray(GlContext context, uint handle)
        : base(context, GlObjectKind.VertexArray, handle)
    {
    }

    /// <summary>Creates a vertex array name; the caller owns it.</summary>
    public static GlVertexArray Create(GlContext context)
    {
        context.VerifyThread();
        return new GlVertexArray(context, context.Gl.GenVertexArray());
    }

    protected override void Delete(uint handle) => Context.Gl.DeleteVertexArray(handle);
}
