namespace LiveClassify.Render.Windowing;

/// <summary>
/// A window or GL context could not be created: no display, libglfw3 missing, or no OpenGL 3.3 core context. The
/// message names the cause and the fix in one line.
/// </summary>
public sealed class WindowingException : Exception
{
    public WindowingException()
    {
    }

    public WindowingException(string message)
        : base(message)
    {
    }

    public WindowingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
