namespace LiveClassify.Capture.Sources;

/// <summary>A source string that does not name a source; the message says what is wrong with it.</summary>
public sealed class SourceSpecException : Exception
{
    public SourceSpecException()
    {
    }

    public SourceSpecException(string message)
        : base(message)
    {
    }

    public SourceSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
