using LiveClassify.Capture;
using LiveClassify.Capture.Sources;
using LiveClassify.Inference;
using LiveClassify.Inference.Providers;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// Turns the errors a user can cause (a wrong model, a missing file, a bad flag value) into one clear line and exit
/// code 1, instead of a stack trace. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class CommandErrors
{
    /// <summary>Runs <paramref name="body"/>; a user error prints <c>liveclassify COMMAND: message</c> and returns 1.</summary>
    public static int Guard(TextWriter error, string command, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"liveclassify {command}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Whether <paramref name="e"/> describes a problem with the user's input rather than a bug.</summary>
    public static bool IsUserError(Exception e) =>
        e is ModelLoadException or ExecutionProviderException or Render.Windowing.WindowingException
            or Train.Models.ModelDownloadException or Train.Onnx.OnnxImportRefusedException or CaptureException or SourceSpecException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
            or InvalidDataException or FormatException or ArgumentException or IOException;
}
