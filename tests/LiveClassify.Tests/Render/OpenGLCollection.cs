namespace LiveClassify.Tests.Render;

/// <summary>
/// Tests that open GLFW windows: GLFW is process-global and each test makes a context current on its own thread,
/// so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenGLCollection
{
    public const string Name = "OpenGL";
}
