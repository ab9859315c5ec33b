using System.Diagnostics;
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
        using var run = new PreparedRun(this, batch);
        return Timings.Measure(run.Run, iterations);
    }

    /// <summary>
    /// Images per second of <paramref name="sessions"/> running at once, each on its own thread for
    /// <paramref name="iterations"/> runs of <paramref name="batch"/> images: the bare form of <c>label</c>'s workers.
    /// The median of <paramref name="repeats"/> such rounds, since one round of a few seconds varies by a quarter on
    /// a shared VM.
    /// </summary>
    public static double ParallelThroughput(IReadOnlyList<BareOnnxRuntime> sessions, int batch, int iterations, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var runs = sessions.Select(session => new PreparedRun(session, batch)).ToList();
        try
        {
            runs.ForEach(run => run.Run()); // Warm-up: the first run of a session allocates its arena.
            var rates = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                var threads = runs.Select(run => new Thread(() =>
                {
                    for (int i = 0; i < iterations; i++)
                    {
                        run.Run();
                    }
                })).ToList();
                long start = Stopwatch.GetTimestamp();
                threads.ForEach(thread => thread.Start());
                threads.ForEach(thread => thread.Join());
                rates[r] = sessions.Count * iterations * batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            Array.Sort(rates);
            return rates[repeats / 2];
        }
        finally
        {
            runs.ForEach(run => run.Dispose());
        }
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

    /// <summary>Input and output tensors of one batch size, allocated once, and the plain run over them.</summary>
    private sealed class PreparedRun : IDisposable
    {
        private readonly BareOnnxRuntime _owner;
        private readonly OrtValue _input;
        private readonly OrtValue _output;
        private readonly string[] _inputNames;
        private readonly string[] _outputNames;
        private readonly OrtValue[] _inputs;
        private readonly OrtValue[] _outputs;

        public PreparedRun(BareOnnxRuntime owner, int batch)
        {
            _owner = owner;
            long[] inputShape = [.. owner._inputDimensions.Select((d, axis) => (long)(axis == 0 ? batch : d > 0 ? d : owner.DynamicSide(axis)))];
            long inputElements = inputShape.Aggregate(1L, (a, b) => a * b);
            _input = owner._spec.ElementType == TensorElementType.UInt8
                ? OrtValue.CreateTensorValueFromMemory(new byte[inputElements], inputShape)
                : OrtValue.CreateTensorValueFromMemory(Filled(inputElements), inputShape);
            _output = OrtValue.CreateTensorValueFromMemory(new float[batch * owner._outputWidth], [batch, owner._outputWidth]);
            _inputNames = [owner._inputName];
            _outputNames = [owner._outputName];
            _inputs = [_input];
            _outputs = [_output];
        }

        public void Run() => _owner._session.Run(_owner._runOptions, _inputNames, _inputs, _outputNames, _outputs);

        public void Dispose()
        {
            _input.Dispose();
            _output.Dispose();
        }
    }

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
