using LiveClassify.Render.Graphics;
using LiveClassify.Render.Layout;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.Overlay;

/// <summary>
/// Draws solid, alpha-blended rectangles (panels, bars) in framebuffer pixels from a preallocated vertex batch.
/// </summary>
/// <remarks>
/// Usage per frame: <see cref="Begin"/>, any number of <see cref="Add(PixelRect, Rgba)"/>, <see cref="Flush"/>. Nothing is
/// allocated per frame. All members must be called on the context's thread.
/// </remarks>
public sealed class QuadRenderer : IDisposable
{
    private const int MaxQuads = 1024;
    private const int VerticesPerQuad = 6;

    private const string VertexSource = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec4 colour;
        uniform vec2 target;
        out vec4 vertexColour;
        void main()
        {
            vertexColour = colour;
            // Pixels from the top-left corner to clip space.
            gl_Position = vec4(position.x / target.x * 2.0 - 1.0, 1.0 - position.y / target.y * 2.0, 0.0, 1.0);
        }
        """;

    private const string FragmentSource = """
        #version 330 core
        in vec4 vertexColour;
        out vec4 color;
        void main()
        {
            color = vertexColour;
        }
        """;

    private readonly GlContext _context;
    private readonly GlProgram _program;
    private readonly VertexBatch _batch;
    private readonly int _targetUniform;
    private int _targetWidth;
    private int _targetHeight;

    private QuadRenderer(GlContext context, GlProgram program, VertexBatch batch)
    {
        _context = context;
        _program = program;
        _batch = batch;
        _targetUniform = program.Uniform("target");
    }

    /// <summary>Creates the renderer's program and vertex batch; the caller owns and disposes it.</summary>
    public static QuadRenderer Create(GlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        GlProgram? program = null;
        VertexBatch? batch = null;
        try
        {
            program = GlProgram.Create(context, VertexSource, FragmentSource);
            batch = VertexBatch.Create(context, MaxQuads * VerticesPerQuad, [2, 4]);
            var renderer = new QuadRenderer(context, program, batch);
            program = null;
            batch = null;
            return renderer;
        }
        finally
        {
            batch?.Dispose();
            program?.Dispose();
        }
    }

    /// <summary>Starts a frame for a framebuffer of the given size.</summary>
    public void Begin(int targetWidth, int targetHeight)
    {
        _context.VerifyThread();
        _targetWidth = targetWidth;
        _targetHeight = targetHeight;
    }

    /// <summary>Queues a rectangle.</summary>
    public void Add(PixelRect rect, Rgba colour) => Add(rect.X, rect.Y, rect.Width, rect.Height, colour);

    /// <summary>Queues a rectangle given by its top-left corner and size in pixels.</summary>
    public void Add(float x, float y, float width, float height, Rgba colour)
    {
        if (width <= 0 || height <= 0)
        {
            return;
        }

        if (!_batch.HasRoom(VerticesPerQuad))
        {
            Flush();
        }

        var v = _batch.Append(VerticesPerQuad);
        float right = x + width;
        float bottom = y + height;
        Vertex(v, 0, x, y, colour);
        Vertex(v, 1, right, y, colour);
        Vertex(v, 2, x, bottom, colour);
        Vertex(v, 3, right, y, colour);
        Vertex(v, 4, right, bottom, colour);
        Vertex(v, 5, x, bottom, colour);
    }

    /// <summary>Draws the queued rectangles over what is in the framebuffer.</summary>
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
        _batch.Draw();
        gl.UseProgram(0);
        gl.Disable(EnableCap.Blend);
    }

    /// <summary>Deletes the program and the vertex batch on the context's thread.</summary>
    public void Dispose()
    {
        _batch.Dispose();
        _program.Dispose();
    }

    private static void Vertex(Span<float> vertices, int index, float x, float y, Rgba colour)
    {
        var v = vertices.Slice(index * 6, 6);
        v[0] = x;
        v[1] = y;
        v[2] = colour.R;
        v[3] = colour.G;
        v[4] = colour.B;
        v[5] = colour.A;
    }
}
