using LiveClassify.Render.Graphics;

namespace LiveClassify.Tests.Render.Graphics;

[Collection(OpenGLCollection.Name)]
public sealed class GlResourceTrackerTests
{
    private const string VertexSource = "#version 330 core\nvoid main() { gl_Position = vec4(0.0, 0.0, 0.0, 1.0); }\n";
    private const string FragmentSource = "#version 330 core\nout vec4 color;\nvoid main() { color = vec4(1.0); }\n";

    [Fact]
    public void Objects_are_counted_while_alive_and_back_to_zero_after_dispose()
    {
        using var window = TestWindow.Open();
        var context = window.Context;

        var texture = GlTexture.Create(context);
        var buffer = GlBuffer.Create(context);
        var vertexArray = GlVertexArray.Create(context);
        var program = GlProgram.Create(context, VertexSource, FragmentSource);

        Assert.Equal(1, context.Resources.Live(GlObjectKind.Texture));
        Assert.Equal(1, context.Resources.Live(GlObjectKind.Buffer));
        Assert.Equal(1, context.Resources.Live(GlObjectKind.VertexArray));
        Assert.Equal(1, context.Resources.Live(GlObjectKind.Program));
        Assert.Equal(0, context.Resources.Live(GlObjectKind.Shader));
        window.Gl.BindTexture(Silk.NET.OpenGL.TextureTarget.Texture2D, texture.Handle);
        Assert.True(window.Gl.IsTexture(texture.Handle));
        uint textureName = texture.Handle;

        program.Dispose();
        vertexArray.Dispose();
        buffer.Dispose();
        texture.Dispose();
        texture.Dispose();

        Assert.False(window.Gl.IsTexture(textureName));
        Assert.Equal(0, context.Resources.TotalLive);
        Assert.Equal("none", context.Resources.Describe());
    }

    [Fact]
    public void A_shader_that_does_not_compile_throws_with_the_log_and_leaves_nothing_alive()
    {
        using var window = TestWindow.Open();
        var context = window.Context;

        var error = Assert.Throws<InvalidOperationException>(() => GlProgram.Create(context, VertexSource, "#version 330 core\nvoid main() { nonsense; }\n"));

        Assert.Contains("FragmentShader failed to compile", error.Message, StringComparison.Ordinal);
        Assert.Contains("nonsense", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, context.Resources.TotalLive);
    }

    [Fact]
    public void Deleting_from_another_thread_is_refused_and_the_object_stays_counted()
    {
        using var window = TestWindow.Open();
        using var texture = GlTexture.Create(window.Context);

        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(texture.Dispose));
        thread.Start();
        thread.Join();

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(1, window.Context.Resources.Live(GlObjectKind.Texture));
    }
}
