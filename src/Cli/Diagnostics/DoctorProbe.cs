using LiveClassify.Core.Diagnostics;

namespace LiveClassify.Cli.Diagnostics;

/// <summary>One entry of `doctor`'s list: a stack's probe and the name to report it under if the probe itself fails.</summary>
/// <param name="Name">The stack's name, used only when <paramref name="Run"/> throws.</param>
/// <param name="Run">The part's probe; it should catch its own native load failures and report them.</param>
public sealed record DoctorProbe(string Name, Func<StackReport> Run)
{
    /// <summary>Runs the probe; an exception it lets out becomes a report of a broken required stack.</summary>
    public StackReport Report()
    {
        try
        {
            return Run();
        }
        catch (Exception e)
        {
            // Whatever a probe throws is what doctor must show, never a crash of doctor.
            return NativeLoadFailure.Report(Name, required: true, e);
        }
    }
}
