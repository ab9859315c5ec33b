namespace LiveClassify.Inference.Providers;

/// <summary>The requested execution provider cannot be used; the message says why in one line.</summary>
public sealed class ExecutionProviderException : Exception
{
    public ExecutionProviderException()
    {
    }

    public ExecutionProviderException(string message)
        : base(message)
    {
    }

    public ExecutionProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
