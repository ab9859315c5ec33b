using System.Runtime.InteropServices;

namespace LiveClassify.Render.Windowing;

/// <summary>
/// Initialises GLFW for the first window and terminates it after the last one, and turns GLFW's error state into
/// <see cref="WindowingException"/>s that say what to do.
/// </summary>
internal static class GlfwRuntime
{
    private static readonly Lock Gate = new();
    private static int _users;

    /// <summary>Initialises GLFW if no window holds it yet; pair every call with <see cref="Release"/>.</summary>
    public static void Acquire()
    {
        lock (Gate)
        {
            if (_users == 0)
            {
                int ok;
                try
                {
                    ok = Glfw.Init();
                }
                catch (DllNotFoundException exception)
                {
                    // The loader's message lists every path it tried, one per line; the fix is always the same package.
                    throw new WindowingException(
                        $"GLFW ({Glfw.Library}) is not installed or cannot be loaded: install it with `sudo apt-get install libglfw3`.",
                        exception);
                }

                if (ok != Glfw.True)
                {
                    throw LastError("GLFW could not start");
                }
            }

            _users++;
        }
    }

    /// <summary>Drops one hold; the last one terminates GLFW, which destroys any window still open.</summary>
    public static void Release()
    {
        lock (Gate)
        {
            if (_users == 0)
            {
                throw new InvalidOperationException("GLFW was released more often than it was acquired.");
            }

            if (--_users == 0)
            {
                Glfw.Terminate();
            }
        }
    }

    /// <summary>GLFW's version string, or null when the library cannot be loaded.</summary>
    public static string? TryGetVersion()
    {
        try
        {
            return Marshal.PtrToStringUTF8(Glfw.GetVersionString());
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Builds the exception for a failed call from GLFW's last error on this thread (and clears it).</summary>
    public static WindowingException LastError(string what)
    {
        int code = Glfw.GetError(out nint description);
        string detail = description == 0 ? $"error 0x{code:X}" : Marshal.PtrToStringUTF8(description) ?? $"error 0x{code:X}";
        string hint = Environment.GetEnvironmentVariable("DISPLAY") is null or ""
            ? " No DISPLAY is set: run under a desktop session, or headless with `xvfb-run -a -s \"-screen 0 1280x720x24\" …` (apt package xvfb)."
            : string.Empty;
        return new WindowingException($"{what}: {detail}.{hint}");
    }
}
