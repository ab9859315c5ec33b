namespace LiveClassify.Train.Onnx;

/// <summary>An import whose result does not reproduce the ONNX file within <see cref="OnnxImporter.Tolerance"/>.</summary>
public sealed class OnnxImportRefusedException : Exception
{
    public OnnxImportRefusedException()
    {
    }

    public OnnxImportRefusedException(string message)
        : base(message)
    {
    }

    public OnnxImportRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the measured difference.</summary>
    public OnnxImportRefusedException(string message, double maxAbsDiff)
        : base(message)
    {
        MaxAbsDiff = maxAbsDiff;
    }

    /// <summary>The largest absolute difference measured.</summary>
    public double MaxAbsDiff { get; }
}
