namespace LiveClassify.Render.Graphics;

/// <summary>One OpenGL texture name.</summary>
internal sealed class GlTexture : GlObject
{
    private GlTexture(GlContext context, uint handle)
        : base(context, GlObjectKind.Texture, handle)
    {
    }

    /// <summary>Creates a texture name; the caller owns it.</summary>
    public static GlTexture Create(GlContext context)
    {
        context.VerifyThread();
        return new GlTexture(context, context.Gl.GenTexture());
    }

    protected override void Delete(uint handle) => Context.Gl.DeleteTexture(handle);
}
