namespace LiveClassify.Render.Graphics;

/// <summary>The kinds of OpenGL object LiveClassify creates, counted by <see cref="GlResourceTracker"/>.</summary>
public enum GlObjectKind
{
    Texture,
    Buffer,
    VertexArray,
    Program,
    Shader,
}
