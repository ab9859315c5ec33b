using LiveClassify.Render.Graphics;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Draws lines of text as textured quads cut from a <see cref="GlyphAtlas"/>, alpha-blended, from a preallocated
/// vertex batch.
/// </summary>
/// <remarks>
/// Usage per frame: <see cref="Begin"/>, any number of <see cref="Add"/>, <see cref="Flush"/>. Glyphs land on whole
/// pixels, one atlas texel per pixel, so text stays sharp at any window size. Nothing is allocated per frame. All
/// members must be called on the context's thread.
/// </remarks>
public sealed class TextRenderer : IDisposable
{
    private const int MaxGlyphs = 4096;
    private const int VerticesPerGlyph = 6;
    private const int FloatsPerVertex = 8;

    private const string VertexSource = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec2 texel;
        layout(location = 2) in vec4 colour;
        uniform vec2 target;
        out vec2 uv;
        out vec4 vertexColour;
        void main()
        {
            uv = texel;
            vertexColour = colour;
            gl_Position = vec4(position.x / target.x * 2.0 - 1.0, 1.0 - position.y / target.y * 2.0, 0.0, 1.0);
        }
        """;

    private const string FragmentSource = """
        #version 330 core
        in vec2 uv;
        in vec4 vertexColour;
        out vec4 color;
        uniform sampler2D atlas;
        void main()
        {
            // The atlas's one channel is the glyph's coverage.
            color = vec4(vertexColour.rgb, vertexColour.a * texture(atlas, uv).r);
        }
        """;

    private readonly GlContext _context;
    private readonly GlTexture _texture;
    private readonly GlProgram _program;
    private readonly VertexBatch _batch;
    private readonly int _targetUniform;
    private int _targetWidth;
    private int _targetHeight;

    private TextRenderer(GlContext context, GlyphAtlas atlas, GlTexture texture, GlProgram program, VertexBatch batch)
    {
        _context = context;
        Atlas = atlas;
        _texture = texture;
        _program = program;
        _batch = batch;
        _targetUniform = program.Uniform("target");
    }

    /// <summary>The glyphs this renderer draws; its faces are chosen by index in <see cref="Add"/>.</summary>
    public GlyphAtlas Atlas { get; }

    /// <summary>Uploads the atlas to a texture and creates the program and vertex batch; the caller owns and disposes it.</summary>
    public static unsafe TextRenderer Create(GlContext context, GlyphAtlas atlas)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(atlas);
        context.VerifyThread();
        var gl = context.Gl;
        GlTexture? texture = null;
        GlProgram? program = null;
        VertexBatch? batch = null;
        try
        {
            texture = GlTexture.Create(context);
            gl.ActiveTexture(TextureUnit.Texture0);
            gl.BindTexture(TextureTarget.Texture2D, texture.Handle);
            gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
            fixed (byte* pixels = atlas.Pixels)
            {
                gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.R8, (uint)atlas.Width, (uint)atlas.Height, 0, PixelFormat.Red, PixelType.UnsignedByte, pixels);
            }

            // One texel per pixel at whole-pixel positions: nearest sampling reproduces the rasterised coverage exactly.
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);

            program = GlProgram.Create(context, VertexSource, FragmentSource);
            gl.UseProgram(program.Handle);
            gl.Uniform1(program.Uniform("atlas"), 0);
            gl.UseProgram(0);
            batch = VertexBatch.Create(context, MaxGlyphs * VerticesPerGlyph, [2, 2, 4]);

            var renderer = new TextRenderer(context, atlas, texture, program, batch);
            texture = null;
            program = null;
            batch = null;
            return renderer;
        }
        finally
        {
            batch?.Dispose();
            program?.Dispose();
            texture?.Dispose();
        }
    }

    /// <summary>Starts a frame for a framebuffer of the given size.</summary>
    public void Begin(int targetWidth, int targetHeight)
    {
        _context.VerifyThread();
        _targetWidth = targetWidth;
        _targetHeight = targetHeight;
    }

    /// <summary>
    /// Queues a line of text with its baseline at <paramref name="baseline"/> and its pen starting at
    /// <paramref name="x"/> (pixels from the top-left); returns the pen position after the last character.
    /// </summary>
    public float Add(ReadOnlySpan<char> text, float x, float baseline, int face, Rgba colour)
    {
        var fontFace = Atlas.Face(face);
        float inverseWidth = 1f / Atlas.Width;
        float inverseHeight = 1f / Atlas.Height;
        float pen = x;
        int baselineRow = (int)MathF.Round(baseline);
        foreach (char character in text)
        {
            var glyph = fontFace.Glyph(character);
            if (glyph.Width > 0)
            {
                if (!_batch.HasRoom(VerticesPerGlyph))
                {
                    Flush();
                }

                float left = MathF.Round(pen) + glyph.OffsetX;
                float top = baselineRow + glyph.OffsetY;
                float right = left + glyph.Width;
                float bottom = top + glyph.Height;
                float u0 = glyph.AtlasX * inverseWidth;
                float v0 = glyph.AtlasY * inverseHeight;
                float u1 = (glyph.AtlasX + glyph.Width) * inverseWidth;
                float v1 = (glyph.AtlasY + glyph.Height) * inverseHeight;
                var v = _batch.Append(VerticesPerGlyph);
                Vertex(v, 0, left, top, u0, v0, colour);
                Vertex(v, 1, right, top, u1, v0, colour);
                Vertex(v, 2, left, bottom, u0, v1, colour);
                Vertex(v, 3, right, top, u1, v0, colour);
                Vertex(v, 4, right, bottom, u1, v1, colour);
                Vertex(v, 5, left, bottom, u0, v1, colour);
            }

            pen += glyph.Advance;
        }

        return pen;
    }

    /// <summary>Draws the queued text over what is in the framebuffer.</summary>
    public void Flush()
    {
        _context.VerifyThread();
        if (_targetWidth <= 0 || _targetHeight <= 0)
        {
            // Nothing to draw into (Begin not called, or a minimised window): drop what was queued.
            _batch.Clear();
            return;
        }

        if (_batch.Count == 0)
        {
            return;
        }

        var gl = _context.Gl;
        gl.Viewport(0, 0, (uint)_targetWidth, (uint)_targetHeight);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha);
        gl.UseProgram(_program.Handle);
        gl.Uniform2(_targetUniform, (float)_targetWidth, _targetHeight);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _texture.Handle);
        _batch.Draw();
        gl.UseProgram(0);
        gl.Disable(EnableCap.Blend);
    }

    /// <summary>Deletes the atlas texture, program and vertex batch on the context's thread.</summary>
    public void Dispose()
    {
        _batch.Dispose();
        _program.Dispose();
        _texture.Dispose();
    }

    private static void Vertex(Span<float> vertices, int index, float x, float y, float u, float v, Rgba colour)
    {
        var vertex = vertices.Slice(index * FloatsPerVertex, FloatsPerVertex);
        vertex[0] = x;
        vertex[1] = y;
        vertex[2] = u;
        vertex[3] = v;
        vertex[4] = colour.R;
        vertex[5] = colour.G;
        vertex[6] = colour.B;
        vertex[7] = colour.A;
    }
}
