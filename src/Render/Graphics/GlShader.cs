using Silk.NET.OpenGL;

namespace LiveClassify.Render.Graphics;

/// <summary>One compiled shader stage, alive only until its program is linked.</summary>
internal sealed class GlShader : GlObject
{
    private GlShader(GlContext context, uint handle)
        : base(context, GlObjectKind.Shader, handle)
    {
    }

    /// <summary>Compiles a shader; the caller owns it. A compile error throws with the driver's log.</summary>
    public static GlShader Compile(GlContext context, ShaderType type, string source)
    {
        var gl = context.Gl;
        var shader = new GlShader(context, gl.CreateShader(type));
        try
        {
            gl.ShaderSource(shader.Handle, source);
            gl.CompileShader(shader.Handle);
            gl.GetShader(shader.Handle, ShaderParameterName.CompileStatus, out int compiled);
            if (compiled == 0)
            {
                throw new InvalidOperationException($"A GLSL {type} failed to compile: {gl.GetShaderInfoLog(shader.Handle).Trim()}");
            }

            return shader;
        }
        catch
        {
            shader.Dispose();
            throw;
        }
    }

    protected override void Delete(uint handle) => Context.Gl.DeleteShader(handle);
}
