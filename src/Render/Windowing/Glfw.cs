using System.Runtime.InteropServices;

namespace LiveClassify.Render.Windowing;

/// <summary>
/// The few functions of Debian's GLFW 3.3 (<c>libglfw.so.3</c>, package libglfw3) that LiveClassify uses. The
/// Silk.NET windowing packages are not in the package copy, so the window comes from the system library directly.
/// </summary>
/// <remarks>Every function except the error and version queries must be called on the thread that owns the window.</remarks>
internal static partial class Glfw
{
    /// <summary>The file name the dynamic loader looks up; the apt package that provides it is libglfw3.</summary>
    public const string Library = "libglfw.so.3";

    public const int True = 1;
    public const int False = 0;

    public const int Visible = 0x00020004;
    public const int Resizable = 0x00020003;
    public const int ClientApi = 0x00022001;
    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGLForwardCompat = 0x00022006;
    public const int OpenGLProfile = 0x00022008;
    public const int OpenGLApi = 0x00030001;
    public const int OpenGLCoreProfile = 0x00032001;

    public const int Release = 0;
    public const int Press = 1;

    /// <summary>The key callback's C signature: window, key, scancode, action, modifier bits.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void KeyCallback(nint window, int key, int scancode, int action, int mods);

    [LibraryImport(Library, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    /// <summary>Whether <paramref name="key"/> is down now (<see cref="Press"/>) or up (0).</summary>
    [LibraryImport(Library, EntryPoint = "glfwGetKey")]
    public static partial int GetKey(nint window, int key);

    [LibraryImport(Library, EntryPoint = "glfwGetVersionString")]
    public static partial nint GetVersionString();

    /// <summary>Returns and clears the calling thread's last error; <paramref name="description"/> is a UTF-8 C string or 0.</summary>
    [LibraryImport(Library, EntryPoint = "glfwGetError")]
    public static partial int GetError(out nint description);

    [LibraryImport(Library, EntryPoint = "glfwDefaultWindowHints")]
    public static partial void DefaultWindowHints();

    [LibraryImport(Library, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Library, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Library, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Library, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Library, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(nint window);

    [LibraryImport(Library, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Library, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(nint window, int value);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowSize")]
    public static partial void SetWindowSize(nint window, int width, int height);

    [LibraryImport(Library, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(nint window, out int width, out int height);

    /// <summary>Installs a key callback (a function pointer from a delegate the caller keeps alive); returns the previous one.</summary>
    [LibraryImport(Library, EntryPoint = "glfwSetKeyCallback")]
    public static partial nint SetKeyCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwGetPrimaryMonitor")]
    public static partial nint GetPrimaryMonitor();

    /// <summary>A pointer to the monitor's GLFWvidmode: width, height, red/green/blue bits, refresh rate (six ints).</summary>
    [LibraryImport(Library, EntryPoint = "glfwGetVideoMode")]
    public static partial nint GetVideoMode(nint monitor);

    /// <summary>Byte offset of refreshRate in GLFWvidmode.</summary>
    public const int VideoModeRefreshRateOffset = 5 * sizeof(int);

    [LibraryImport(Library, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);
}
