using LiveClassify.Core.Frames;
using LiveClassify.Render.Graphics;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.ReadBack;

/// <summary>
/// Reads what was drawn back from the GPU as packed BGR24 rows, top row first: the form Core's
/// <see cref="FrameBuffer"/> and the video writer use, for headless video, screenshots and tests.
/// </summary>
/// <remarks>
/// Reads the framebuffer being drawn (the back buffer of a double-buffered window), so call it after drawing and
/// before <c>SwapBuffers</c>. OpenGL returns rows bottom first; they are flipped in place. The only allocation is a
/// one-row scratch buffer, grown when the width grows. Call on the context's thread.
/// </remarks>
public sealed class OffscreenCapture
{
    private readonly GlContext _context;
    private byte[] _row = [];
    private byte[] _screenshot = [];

    /// <summary>Creates a reader for the framebuffer of <paramref name="context"/>; it holds no GL object.</summary>
    public OffscreenCapture(GlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Reads the <paramref name="width"/>×<paramref name="height"/> framebuffer into a frame (reshaped to that size).</summary>
    public void Read(FrameBuffer frame, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.Reshape(width, height);
        Read(frame.Pixels, width, height);
    }

    /// <summary>Reads the <paramref name="width"/>×<paramref name="height"/> framebuffer into caller-owned BGR24 bytes.</summary>
    public unsafe void Read(Span<byte> bgr, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int rowBytes = width * 3;
        if (bgr.Length < (long)rowBytes * height)
        {
            throw new ArgumentException($"A {width}x{height} BGR read-back needs {(long)rowBytes * height} bytes; got {bgr.Length}.", nameof(bgr));
        }

        _context.VerifyThread();
        var gl = _context.Gl;
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* destination = bgr)
        {
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Bgr, PixelType.UnsignedByte, destination);
        }

        var error = gl.GetError();
        if (error != GLEnum.NoError)
        {
            throw new InvalidOperationException($"Reading back the {width}x{height} framebuffer failed: {error}.");
        }

        FlipRows(bgr, rowBytes, height);
    }

    /// <summary>Reads the framebuffer and writes it to a PNG file (replaced atomically).</summary>
    public void SavePng(string path, int width, int height)
    {
        int length = width * height * 3;
        if (_screenshot.Length < length)
        {
            _screenshot = new byte[length];
        }

        Read(_screenshot, width, height);
        Screenshot.SavePng(path, _screenshot.AsSpan(0, length), width, height);
    }

    private void FlipRows(Span<byte> bgr, int rowBytes, int height)
    {
        if (_row.Length < rowBytes)
        {
            _row = new byte[rowBytes];
        }

        var scratch = _row.AsSpan(0, rowBytes);
        for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--)
        {
            var upper = bgr.Slice(top * rowBytes, rowBytes);
            var lower = bgr.Slice(bottom * rowBytes, rowBytes);
            upper.CopyTo(scratch);
            lower.CopyTo(upper);
            scratch.CopyTo(lower);
        }
    }
}
