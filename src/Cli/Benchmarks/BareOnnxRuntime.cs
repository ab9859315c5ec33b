using LiveClassify.Core.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>
/// The baseline every figure is compared with: the model in a plain ONNX Runtime session, run with the five-argument
/// <c>Run</c> on input and output tensors allocated once, nothing else. Same threads and optimisation level as the
/// classifier, so the ratio between the two is the cost of LiveClassify's own code. ONNX Runtime's other defaults are
/// kept (its idle threads spin, which the classifier turns off), so the baseline is what a plain call gets.
/// </summary>
public sealed class BareOnnxRuntime : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly int[] _inputDimensions;
    private readonly int _outputWidth;
    private readonly PreprocessSpec _spec;

    /// <summary>Opens <paramref name="modelPath"/> on the CPU with <paramref name="threads"/> intra-op threads (0: ONNX Runtime's default).</summary>
    public BareOnnxRuntime(string modelPath, PreprocessSpec spec, int threads)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = threads };
        try
        {
            _session = new InferenceSession(modelPath, _options);
        }
        catch
        {
            _options.Dispose();
            _runOptions.Dispose();
            throw;
        }

        var input = _session.InputMetadata.Single();
        var output = _session.OutputMetadata.Single();
        _inputName = input.Key;
        _outputName = output.Key;
        _inputDimensions = input.Value.Dimensions;
        _outputWidth = output.Value.Dimensions[^1];
    }

    /// <summary>Times <paramref name="iterations"/> runs at <paramref name="batch"/> images per run.</summary>
    public Timings Measure(int batch, int iterations)
    {
        long[] inputShape = [.. _inputDimensions.Select((d, axis) => (long)(axis == 0 ? batch : d > 0 ? d : DynamicSide(axis)))];
        long inputElements = inputShape.Aggregate(1L, (a, b) => a * b);
        using var input = _spec.ElementType == TensorElementType.UInt8
            ? OrtValue.CreateTensorValueFromMemory(new byte[inputElements], inputShape)
            : OrtValue.CreateTensorValueFromMemory(Filled(inputElements), inputShape);
        using var output = OrtValue.CreateTensorValueFromMemory(new float[batch * _outputWidth], [batch, _outputWidth]);
        string[] inputNames = [_inputName];
        string[] outputNames = [_outputName];
        OrtValue[] inputs = [input];
        OrtValue[] outputs = [output];
        return Timings.Measure(() => _session.Run(_runOptions, inputNames, inputs, outputNames, outputs), iterations);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        _runOptions.Dispose();
    }

    // A side the model leaves open (-1) takes the contract's size, in the axis order of its layout.
    private int DynamicSide(int axis) => (_spec.Layout, axis) switch
    {
        (TensorLayout.Nchw, 1) or (TensorLayout.Nhwc, 3) => 3,
        (TensorLayout.Nchw, 2) or (TensorLayout.Nhwc, 1) => _spec.Height,
        _ => _spec.Width,
    };

    private static float[] Filled(long elements)
    {
        var random = new Random(1);
        var values = new float[elements];
        for (long i = 0; i < elements; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
