namespace LiveClassify.Train.Models;

/// <summary>A download that failed: no connection, an HTTP error, a cut transfer or a file whose hash is wrong.</summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
