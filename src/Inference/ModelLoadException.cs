namespace LiveClassify.Inference;

/// <summary>
/// A model cannot be used: the file is missing or not ONNX, it is not an image classifier, or its contract is
/// incomplete or does not fit its inputs and outputs. The message is one line that starts with the file's path and
/// names what was expected and what was found.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The model file the problem is about.</summary>
    public string? ModelPath { get; init; }

    internal static ModelLoadException For(string modelPath, string problem, Exception? inner = null) =>
        inner is null
            ? new ModelLoadException($"{modelPath}: {problem}") { ModelPath = modelPath }
            : new ModelLoadException($"{modelPath}: {problem}", inner) { ModelPath = modelPath };
}
