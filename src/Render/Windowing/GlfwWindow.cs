using System.Runtime.InteropServices;
using LiveClassify.Render.Graphics;
using Silk.NET.OpenGL;

namespace LiveClassify.Render.Windowing;

/// <summary>
/// A GLFW window with an OpenGL 3.3 core, forward-compatible context, its keyboard input as a queue, and its
/// framebuffer size.
/// </summary>
/// <remarks>
/// Thread affinity: the thread that calls <see cref="Open"/> owns the window and its context. Every member except
/// the size properties must be called on that thread (checked; a wrong thread throws). Key presses arrive while
/// <see cref="PollEvents"/> runs and wait in a fixed queue until <see cref="TryReadKey"/> takes them.
/// </remarks>
public sealed class GlfwWindow : IDisposable
{
    private const int KeyQueueCapacity = 64;

    // GLFW keeps only the function pointer: this field keeps the delegate (and its thunk) alive for the window's life.
    private readonly Glfw.KeyCallback _keyCallback;
    private readonly KeyQueue _keys = new(KeyQueueCapacity);
    private nint _handle;

    private GlfwWindow(nint handle, GL gl)
    {
        _handle = handle;
        Context = new GlContext(gl);
        _keyCallback = OnKey;
        Glfw.SetKeyCallback(handle, Marshal.GetFunctionPointerForDelegate(_keyCallback));
        Glfw.GetFramebufferSize(handle, out int width, out int height);
        FramebufferWidth = width;
        FramebufferHeight = height;
    }

    /// <summary>The window's OpenGL context: functions, owning thread and live-object counts.</summary>
    public GlContext Context { get; }

    /// <summary>Shorthand for <see cref="GlContext.Gl"/>.</summary>
    public GL Gl => Context.Gl;

    /// <summary>Framebuffer width in pixels, as of the last <see cref="PollEvents"/>.</summary>
    public int FramebufferWidth { get; private set; }

    /// <summary>Framebuffer height in pixels, as of the last <see cref="PollEvents"/>.</summary>
    public int FramebufferHeight { get; private set; }

    /// <summary>Whether the last <see cref="PollEvents"/> found a framebuffer size different from the one before.</summary>
    public bool FramebufferResized { get; private set; }

    /// <summary>Key presses dropped because the queue was full (the loop stopped reading keys).</summary>
    public long DroppedKeys => _keys.Dropped;

    /// <summary>Whether the user asked to close the window (or <see cref="RequestClose"/> was called).</summary>
    public bool ShouldClose
    {
        get
        {
            Context.VerifyThread();
            return Glfw.WindowShouldClose(_handle) != Glfw.False;
        }
    }

    /// <summary>
    /// Opens a window and makes its context current on the calling thread; the caller owns the window and disposes it
    /// on this thread.
    /// </summary>
    /// <exception cref="WindowingException">No display, libglfw3 missing, or no OpenGL 3.3 core context.</exception>
    public static GlfwWindow Open(GlfwWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Height);
        ArgumentNullException.ThrowIfNull(options.Title);

        GlfwRuntime.Acquire();
        nint handle = 0;
        try
        {
            Glfw.DefaultWindowHints();
            Glfw.WindowHint(Glfw.ClientApi, Glfw.OpenGLApi);
            Glfw.WindowHint(Glfw.ContextVersionMajor, 3);
            Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
            Glfw.WindowHint(Glfw.OpenGLProfile, Glfw.OpenGLCoreProfile);
            Glfw.WindowHint(Glfw.OpenGLForwardCompat, Glfw.True);
            Glfw.WindowHint(Glfw.Visible, options.Visible ? Glfw.True : Glfw.False);
            Glfw.WindowHint(Glfw.Resizable, Glfw.True);
            handle = Glfw.CreateWindow(options.Width, options.Height, options.Title, 0, 0);
            if (handle == 0)
            {
                throw GlfwRuntime.LastError($"Cannot open a {options.Width}x{options.Height} window with an OpenGL 3.3 core context");
            }

            Glfw.MakeContextCurrent(handle);
            Glfw.SwapInterval(options.VSync ? 1 : 0);
            return new GlfwWindow(handle, GL.GetApi(Glfw.GetProcAddress));
        }
        catch
        {
            if (handle != 0)
            {
                Glfw.DestroyWindow(handle);
            }

            GlfwRuntime.Release();
            throw;
        }
    }

    /// <summary>Processes pending window events: key presses go to the queue, a new framebuffer size is picked up.</summary>
    public void PollEvents()
    {
        Context.VerifyThread();
        Glfw.PollEvents();
        Glfw.GetFramebufferSize(_handle, out int width, out int height);
        FramebufferResized = width != FramebufferWidth || height != FramebufferHeight;
        FramebufferWidth = width;
        FramebufferHeight = height;
    }

    /// <summary>Shows the frame drawn into the back buffer; waits for vertical blank when vsync is on.</summary>
    public void SwapBuffers()
    {
        Context.VerifyThread();
        Glfw.SwapBuffers(_handle);
    }

    /// <summary>The primary monitor's refresh rate in hertz; 0 when the display does not say (Xvfb, some drivers).</summary>
    public int RefreshRate
    {
        get
        {
            Context.VerifyThread();
            nint monitor = Glfw.GetPrimaryMonitor();
            nint mode = monitor == 0 ? 0 : Glfw.GetVideoMode(monitor);
            return mode == 0 ? 0 : Math.Max(0, Marshal.ReadInt32(mode, Glfw.VideoModeRefreshRateOffset));
        }
    }

    /// <summary>Takes the oldest unread key press.</summary>
    public bool TryReadKey(out KeyPress press)
    {
        Context.VerifyThread();
        return _keys.TryDequeue(out press);
    }

    /// <summary>Whether <paramref name="key"/> is held down now (a burst of captures while a number key is held).</summary>
    public bool IsKeyDown(Key key)
    {
        Context.VerifyThread();
        return Glfw.GetKey(_handle, (int)key) == Glfw.Press;
    }

    /// <summary>Queues a key press as if it had been typed (tests and scripted sessions).</summary>
    public void InjectKeyPress(KeyPress press)
    {
        Context.VerifyThread();
        OnKey(_handle, (int)press.Key, 0, Glfw.Press, (int)press.Modifiers);
    }

    /// <summary>Asks the window to resize; the new framebuffer size shows after a following <see cref="PollEvents"/>.</summary>
    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Context.VerifyThread();
        Glfw.SetWindowSize(_handle, width, height);
    }

    /// <summary>Sets the close flag, as the window's close button does.</summary>
    public void RequestClose()
    {
        Context.VerifyThread();
        Glfw.SetWindowShouldClose(_handle, Glfw.True);
    }

    /// <summary>
    /// Destroys the window and its context, on the owning thread. Dispose every GL object of
    /// <see cref="Context"/> first: objects still alive are freed by the driver but stay counted as live.
    /// </summary>
    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        Context.VerifyThread();
        nint handle = _handle;
        _handle = 0;
        Glfw.SetKeyCallback(handle, 0);
        Glfw.MakeContextCurrent(0);
        Glfw.DestroyWindow(handle);
        Context.MarkLost();
        Context.Gl.Dispose();
        GlfwRuntime.Release();
    }

    private void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        // Only presses: auto-repeat would save a burst of frames while a number key is held.
        if (action == Glfw.Press)
        {
            _keys.Enqueue(new KeyPress((Key)key, (KeyModifiers)(mods & 0xF)));
        }
    }
}
