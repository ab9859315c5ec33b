namespace LiveClassify.Render.Windowing;

/// <summary>Modifier keys held during a key press (GLFW's modifier bits).</summary>
[Flags]
public enum KeyModifiers
{
    None = 0,
    Shift = 0x1,
    Control = 0x2,
    Alt = 0x4,
    Super = 0x8,
}
