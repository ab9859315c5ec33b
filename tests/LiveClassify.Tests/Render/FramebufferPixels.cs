using Silk.NET.OpenGL;

namespace LiveClassify.Tests.Render;

/// <summary>
/// The current framebuffer read back as RGBA with raw glReadPixels, indexed from the top-left like the screen, so
/// tests check what was drawn independently of the library's own read-back.
/// </summary>
internal sealed class FramebufferPixels
{
    private readonly byte[] _rgba;

    private FramebufferPixels(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public static unsafe FramebufferPixels Read(GL gl, int width, int height)
    {
        var rgba = new byte[width * height * 4];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* pointer = rgba)
        {
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, pointer);
        }

        Assert.Equal(GLEnum.NoError, gl.GetError());
        return new FramebufferPixels(width, height, rgba);
    }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/> counted from the top.</summary>
    public (byte R, byte G, byte B) At(int x, int y)
    {
        int offset = ((((Height - 1 - y) * Width) + x) * 4);
        return (_rgba[offset], _rgba[offset + 1], _rgba[offset + 2]);
    }

    /// <summary>Brightest channel at a pixel.</summary>
    public int Brightness(int x, int y)
    {
        var (r, g, b) = At(x, y);
        return Math.Max(r, Math.Max(g, b));
    }
}
