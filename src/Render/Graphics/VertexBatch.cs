using Silk.NET.OpenGL;

namespace LiveClassify.Render.Graphics;

/// <summary>
/// A fixed-capacity CPU array of float vertices and the GL buffer and vertex array that draw it as triangles. The
/// array and the GL buffer are allocated once; each draw uploads only the vertices written since the last one.
/// </summary>
internal sealed class VertexBatch : IDisposable
{
    private readonly GlContext _context;
    private readonly GlVertexArray _vertexArray;
    private readonly GlBuffer _buffer;
    private readonly float[] _vertices;
    private readonly int _floatsPerVertex;
    private int _count;

    private VertexBatch(GlContext context, GlVertexArray vertexArray, GlBuffer buffer, int floatsPerVertex, int capacity)
    {
        _context = context;
        _vertexArray = vertexArray;
        _buffer = buffer;
        _floatsPerVertex = floatsPerVertex;
        _vertices = new float[floatsPerVertex * capacity];
        Capacity = capacity;
    }

    /// <summary>Vertices the batch holds before it must be drawn.</summary>
    public int Capacity { get; }

    /// <summary>Vertices written since the last draw.</summary>
    public int Count => _count;

    /// <summary>
    /// Creates the batch; the caller owns it. <paramref name="attributeSizes"/> gives the float count of each vertex
    /// attribute in order (attribute locations 0, 1, …).
    /// </summary>
    public static unsafe VertexBatch Create(GlContext context, int capacity, ReadOnlySpan<int> attributeSizes)
    {
        context.VerifyThread();
        int floatsPerVertex = 0;
        foreach (int size in attributeSizes)
        {
            floatsPerVertex += size;
        }

        var gl = context.Gl;
        GlVertexArray? vertexArray = null;
        GlBuffer? buffer = null;
        try
        {
            vertexArray = GlVertexArray.Create(context);
            buffer = GlBuffer.Create(context);
            gl.BindVertexArray(vertexArray.Handle);
            gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer.Handle);
            gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(capacity * floatsPerVertex * sizeof(float)), null, BufferUsageARB.DynamicDraw);
            uint stride = (uint)(floatsPerVertex * sizeof(float));
            int offset = 0;
            for (int i = 0; i < attributeSizes.Length; i++)
            {
                gl.VertexAttribPointer((uint)i, attributeSizes[i], VertexAttribPointerType.Float, false, stride, (void*)(offset * sizeof(float)));
                gl.EnableVertexAttribArray((uint)i);
                offset += attributeSizes[i];
            }

            gl.BindVertexArray(0);
            gl.BindBuffer(BufferTargetARB.ArrayBuffer, 0);
            var batch = new VertexBatch(context, vertexArray, buffer, floatsPerVertex, capacity);
            vertexArray = null;
            buffer = null;
            return batch;
        }
        finally
        {
            buffer?.Dispose();
            vertexArray?.Dispose();
        }
    }

    /// <summary>Whether <paramref name="vertices"/> more fit before a draw.</summary>
    public bool HasRoom(int vertices) => _count + vertices <= Capacity;

    /// <summary>Room for <paramref name="vertices"/> more vertices, to be filled by the caller; check <see cref="HasRoom"/> first.</summary>
    public Span<float> Append(int vertices)
    {
        var span = _vertices.AsSpan(_count * _floatsPerVertex, vertices * _floatsPerVertex);
        _count += vertices;
        return span;
    }

    /// <summary>Forgets the vertices written since the last draw.</summary>
    public void Clear() => _count = 0;

    /// <summary>Uploads the vertices written since the last draw and draws them as triangles with the bound program.</summary>
    public unsafe void Draw()
    {
        if (_count == 0)
        {
            return;
        }

        var gl = _context.Gl;
        gl.BindVertexArray(_vertexArray.Handle);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _buffer.Handle);
        fixed (float* vertices = _vertices)
        {
            gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, (nuint)(_count * _floatsPerVertex * sizeof(float)), vertices);
        }

        gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)_count);
        gl.BindVertexArray(0);
        _count = 0;
    }

    public void Dispose()
    {
        _buffer.Dispose();
        _vertexArray.Dispose();
    }
}
