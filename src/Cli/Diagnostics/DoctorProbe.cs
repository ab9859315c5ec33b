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
#pragma warning disable CA1031 // A probe's failure of any kind is what doctor must show, not a crash of doctor.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return NativeLoadFailure.Report(Name, required: true, e);
        }
    }
}
