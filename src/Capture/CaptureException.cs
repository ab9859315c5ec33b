namespace LiveClassify.Capture;

/// <summary>
/// A camera, file, folder or stream that cannot be opened or read; the message is one line naming the thing and the
/// problem, ready to show a user.
/// </summary>
public sealed class CaptureException : Exception
{
    public CaptureException()
    {
    }

    public CaptureException(string message)
        : base(message)
    {
    }

    public CaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error about <paramref name="subject"/> (a path, device or URL): "<c>subject: problem</c>".</summary>
    public CaptureException(string subject, string problem, Exception? innerException = null)
        : base($"{subject}: {problem}", innerException)
    {
        Subject = subject;
    }

    /// <summary>The path, device or URL the error is about, when there is one.</summary>
    public string? Subject { get; }
}
