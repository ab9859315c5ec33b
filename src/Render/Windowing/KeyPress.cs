namespace LiveClassify.Render.Windowing;

/// <summary>One key going down (auto-repeat is not reported, so holding a key acts once).</summary>
/// <param name="Key">The key.</param>
/// <param name="Modifiers">Modifier keys held at the time.</param>
public readonly record struct KeyPress(Key Key, KeyModifiers Modifiers);
