using LiveClassify.Core.Frames;
using LiveClassify.Render.Graphics;
using LiveClassify.Render.Layout;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.Frames;

/// <summary>
/// The video frame on the GPU: one persistent texture that each new <see cref="FrameBuffer"/> overwrites, drawn
/// letterboxed into the framebuffer.
/// </summary>
/// <remarks>
/// The texture's storage is allocated once per frame size and rewritten with <c>glTexSubImage2D</c>, so a stream in
/// steady state allocates nothing on the CPU or the GPU. The BGR bytes go up unchanged into the texture's RGB
/// channels and the fragment shader swaps them back: no CPU pass over the pixels. All members must be called on the
/// context's thread; <see cref="Dispose"/> deletes the GL objects there.
/// </remarks>
public sealed class FrameTexture : IDisposable
{
    private const string VertexSource = """
        #version 330 core
        out vec2 uv;
        void main()
        {
            // A triangle strip over the viewport from the vertex number alone: no vertex buffer needed.
            vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
            // Texture row 0 is the frame's top row, and the viewport's y grows upwards.
            uv = vec2(corner.x, 1.0 - corner.y);
            gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
        }
        """;

    private const string FragmentSource = """
        #version 330 core
        in vec2 uv;
        out vec4 color;
        uniform sampler2D frame;
        void main()
        {
            // The texture holds BGR bytes in its RGB channels.
            color = vec4(texture(frame, uv).bgr, 1.0);
        }
        """;

    private readonly GlContext _context;
    private readonly GlTexture _texture;
    private readonly GlProgram _program;
    private readonly GlVertexArray _vertexArray;

    private FrameTexture(GlContext context, GlTexture texture, GlProgram program, GlVertexArray vertexArray)
    {
        _context = context;
        _texture = texture;
        _program = program;
        _vertexArray = vertexArray;
    }

    /// <summary>Width of the frame last uploaded, 0 before the first.</summary>
    public int Width { get; private set; }

    /// <summary>Height of the frame last uploaded, 0 before the first.</summary>
    public int Height { get; private set; }

    /// <summary>How many times the texture storage was (re)allocated: once, plus once per change of frame size.</summary>
    public int Allocations { get; private set; }

    /// <summary>Creates the texture and its drawing program on the context's thread; the caller owns and disposes it.</summary>
    public static FrameTexture Create(GlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.VerifyThread();
        var gl = context.Gl;
        GlTexture? texture = null;
        GlProgram? program = null;
        GlVertexArray? vertexArray = null;
        try
        {
            texture = GlTexture.Create(context);
            program = GlProgram.Create(context, VertexSource, FragmentSource);
            vertexArray = GlVertexArray.Create(context);

            gl.BindTexture(TextureTarget.Texture2D, texture.Handle);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Linear);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Linear);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
            gl.UseProgram(program.Handle);
            gl.Uniform1(program.Uniform("frame"), 0);
            gl.UseProgram(0);

            var created = new FrameTexture(context, texture, program, vertexArray);
            texture = null;
            program = null;
            vertexArray = null;
            return created;
        }
        finally
        {
            vertexArray?.Dispose();
            program?.Dispose();
            texture?.Dispose();
        }
    }

    /// <summary>Copies a frame's pixels into the texture; the caller keeps its reference to the frame.</summary>
    public void Upload(FrameBuffer frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Upload(frame.Pointer, frame.Width, frame.Height);
    }

    /// <summary>Copies packed BGR24 rows (top row first, no padding) into the texture.</summary>
    public unsafe void Upload(ReadOnlySpan<byte> bgr, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bgr.Length < (long)width * height * 3)
        {
            throw new ArgumentException($"A {width}x{height} BGR frame needs {(long)width * height * 3} bytes; got {bgr.Length}.", nameof(bgr));
        }

        fixed (byte* pixels = bgr)
        {
            Upload((nint)pixels, width, height);
        }
    }

    /// <summary>
    /// Draws the frame scaled to fit a <paramref name="targetWidth"/>×<paramref name="targetHeight"/> framebuffer with
    /// its aspect ratio kept; returns where it went (empty before the first upload). The bars are left as they are:
    /// clear the framebuffer first. The viewport is left covering the whole target.
    /// </summary>
    public PixelRect Draw(int targetWidth, int targetHeight)
    {
        _context.VerifyThread();
        if (Width == 0)
        {
            return default;
        }

        var area = Letterbox.Fit(Width, Height, targetWidth, targetHeight);
        if (area.IsEmpty)
        {
            return area;
        }

        var gl = _context.Gl;
        gl.Viewport(area.X, area.GlY(targetHeight), (uint)area.Width, (uint)area.Height);
        gl.Disable(EnableCap.Blend);
        gl.UseProgram(_program.Handle);
        gl.BindVertexArray(_vertexArray.Handle);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _texture.Handle);
        gl.DrawArrays(PrimitiveType.TriangleStrip, 0, 4);
        gl.BindVertexArray(0);
        gl.UseProgram(0);
        gl.Viewport(0, 0, (uint)targetWidth, (uint)targetHeight);
        return area;
    }

    /// <summary>Deletes the texture, program and vertex array on the context's thread.</summary>
    public void Dispose()
    {
        _vertexArray.Dispose();
        _program.Dispose();
        _texture.Dispose();
    }

    private unsafe void Upload(nint pixels, int width, int height)
    {
        _context.VerifyThread();
        var gl = _context.Gl;
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _texture.Handle);
        // Rows of width × 3 bytes are not 4-byte aligned in general; the frame packs them without padding.
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        if (width != Width || height != Height)
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgb8, (uint)width, (uint)height, 0, PixelFormat.Rgb, PixelType.UnsignedByte, null);
            Width = width;
            Height = height;
            Allocations++;
        }

        gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgb, PixelType.UnsignedByte, (void*)pixels);
    }
}
