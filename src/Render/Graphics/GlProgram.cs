using Silk.NET.OpenGL;

namespace LiveClassify.Render.Graphics;

/// <summary>A linked GLSL program made from one vertex and one fragment shader.</summary>
internal sealed class GlProgram : GlObject
{
    private GlProgram(GlContext context, uint handle)
        : base(context, GlObjectKind.Program, handle)
    {
    }

    /// <summary>
    /// Compiles and links a program; the caller owns it. The shaders are deleted once linked, so only the program
    /// stays alive. A compile or link error throws with the driver's log.
    /// </summary>
    public static GlProgram Create(GlContext context, string vertexSource, string fragmentSource)
    {
        context.VerifyThread();
        var gl = context.Gl;
        using var vertex = GlShader.Compile(context, ShaderType.VertexShader, vertexSource);
        using var fragment = GlShader.Compile(context, ShaderType.FragmentShader, fragmentSource);
        GlProgram? program = new GlProgram(context, gl.CreateProgram());
        try
        {
            gl.AttachShader(program.Handle, vertex.Handle);
            gl.AttachShader(program.Handle, fragment.Handle);
            gl.LinkProgram(program.Handle);
            gl.DetachShader(program.Handle, vertex.Handle);
            gl.DetachShader(program.Handle, fragment.Handle);
            gl.GetProgram(program.Handle, ProgramPropertyARB.LinkStatus, out int linked);
            if (linked == 0)
            {
                throw new InvalidOperationException($"A GLSL program failed to link: {gl.GetProgramInfoLog(program.Handle).Trim()}");
            }

            var linkedProgram = program;
            program = null;
            return linkedProgram;
        }
        finally
        {
            program?.Dispose();
        }
    }

    /// <summary>Location of a uniform, looked up once after linking; throws when the program has no such uniform.</summary>
    public int Uniform(string name)
    {
        int location = Context.Gl.GetUniformLocation(Handle, name);
        return location >= 0 ? location : throw new InvalidOperationException($"The GLSL program has no active uniform '{name}'.");
    }

    protected override void Delete(uint handle) => Context.Gl.DeleteProgram(handle);
}
