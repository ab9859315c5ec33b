using System.Diagnostics;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Inference.Contracts;
using LiveClassify.Inference.Providers;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Inference;

/// <summary>
/// An image classifier over an ONNX Runtime session: frames in, probabilities out, with the model's resolved
/// contract applied by <see cref="FramePreprocessor"/> straight into a pinned input tensor.
/// </summary>
/// <remarks>
/// Owns the session, its pinned input and output arrays and the tensors bound over them, created once at
/// <see cref="Open"/> for every batch size up to <see cref="MaxBatch"/>; a steady stream of same-sized frames
/// allocates nothing. Not thread-safe: one thread (the inference thread) uses an instance at a time.
/// </remarks>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly BatchBinding[] _bindings;
    private readonly FramePreprocessor _preprocessor;
    private readonly float[]? _floatInput;
    private readonly byte[]? _byteInput;
    private readonly float[] _output;
    private readonly int _elementsPerImage;
    private readonly LatencyWindow _preprocessTimes = new();
    private readonly LatencyWindow _runTimes = new();
    private int _lastBatch;
    private bool _disposed;

    private OnnxClassifier(
        string modelPath, InferenceSession session, ProviderChoice provider, ModelSignature signature, ResolvedContract contract, ClassifierOptions options)
    {
        ModelPath = modelPath;
        _session = session;
        Provider = provider;
        Contract = contract;
        ModelGeneration = options.ModelGeneration;
        var input = signature.Inputs[0];
        var output = signature.Outputs[0];
        InputName = input.Name;
        OutputName = output.Name;
        MaxBatch = input.IsFree(0) && output.IsFree(0) ? options.MaxBatch : 1;

        var spec = contract.Preprocess;
        _preprocessor = new FramePreprocessor(spec);
        _elementsPerImage = spec.ElementsPerImage;
        RawOutputWidth = ScoreMath.RawWidth(contract.Output, contract.Labels.Count);
        if (spec.ElementType == TensorElementType.Float32)
        {
            _floatInput = GC.AllocateArray<float>(MaxBatch * _elementsPerImage, pinned: true);
        }
        else
        {
            _byteInput = GC.AllocateArray<byte>(MaxBatch * _elementsPerImage, pinned: true);
        }

        _output = GC.AllocateArray<float>(MaxBatch * RawOutputWidth, pinned: true);
        _runOptions = new RunOptions();
        _bindings = new BatchBinding[MaxBatch];
        try
        {
            if (output.IsFree(1))
            {
                ProbeOutputWidth(signature);
            }

            for (int batch = 1; batch <= MaxBatch; batch++)
            {
                _bindings[batch - 1] = Bind(batch);
            }

            if (options.WarmUp)
            {
                RunRaw(1);
                if (MaxBatch > 1)
                {
                    RunRaw(MaxBatch);
                }

                _runTimes.Clear();
            }
        }
        catch
        {
            DisposeBindings();
            _runOptions.Dispose();
            throw;
        }
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The model file's name, for logs and summaries.</summary>
    public string ModelName => Path.GetFileName(ModelPath);

    /// <summary>The contract applied, with the origin of each field.</summary>
    public ResolvedContract Contract { get; }

    /// <summary>The execution provider the session runs on, and why.</summary>
    public ProviderChoice Provider { get; }

    /// <summary>Stamped on every prediction.</summary>
    public int ModelGeneration { get; }

    /// <summary>Most frames per run: the requested batch, or 1 when the model's batch dimension is fixed.</summary>
    public int MaxBatch { get; }

    /// <summary>Raw output values per image: the class count, or 1 for a sigmoid output.</summary>
    public int RawOutputWidth { get; }

    /// <summary>The graph's input name.</summary>
    public string InputName { get; }

    /// <summary>The graph's output name.</summary>
    public string OutputName { get; }

    /// <summary>Median preprocessing and run times over recent calls (warm-up excluded).</summary>
    public ClassifierTimings Timings => new(_preprocessTimes.Percentile(0.5), _runTimes.Percentile(0.5), _runTimes.Count);

    /// <summary>
    /// The raw outputs of the last run: <see cref="RawOutputWidth"/> values per image of that batch, valid until the
    /// next run.
    /// </summary>
    public ReadOnlySpan<float> LastRawOutput => _output.AsSpan(0, _lastBatch * RawOutputWidth);

    /// <summary>
    /// Loads a model, resolves and checks its contract, creates the session on the chosen provider and, unless told
    /// not to, runs it once. The caller owns the returned classifier and disposes it.
    /// </summary>
    /// <exception cref="ModelLoadException">The file, the model or its contract cannot be used; the message says why in one line.</exception>
    /// <exception cref="ExecutionProviderException">CUDA was required and cannot be used.</exception>
    public static OnnxClassifier Open(string modelPath, ClassifierOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        options ??= new ClassifierOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        RequireModelFile(modelPath);

        var (session, provider) = CreateSession(modelPath, options);
        try
        {
            var signature = ModelSignature.Read(session);
            var contract = ContractResolver.Resolve(modelPath, signature, options.Overrides, options.LabelsPath, options.GenericLabelsWhenMissing);
            return new OnnxClassifier(modelPath, session, provider, signature, contract, options);
        }
        catch (OnnxRuntimeException e)
        {
            session.Dispose();
            throw ModelLoadException.For(modelPath, $"ONNX Runtime cannot run the model ({ExecutionProviders.OneLine(e.Message)})", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Classifies one frame into <paramref name="prediction"/>, stamped with the frame's index and times.</summary>
    public void Classify(FrameBuffer frame, Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(frame);
        RequireFits(prediction);
        long start = Stopwatch.GetTimestamp();
        Preprocess(frame, 0);
        Run(1);
        long end = Stopwatch.GetTimestamp();
        Score(0, frame, prediction, end, end - start);
    }

    /// <summary>
    /// Classifies frames in batches of up to <see cref="MaxBatch"/>; prediction i is about frame i. Each prediction's
    /// inference time is its share of its batch.
    /// </summary>
    public void Classify(ReadOnlySpan<FrameBuffer> frames, Span<Prediction> predictions)
    {
        if (frames.Length != predictions.Length)
        {
            throw new ArgumentException($"{frames.Length} frames need {frames.Length} predictions, not {predictions.Length}.", nameof(predictions));
        }

        for (int offset = 0; offset < frames.Length; offset += MaxBatch)
        {
            int count = Math.Min(MaxBatch, frames.Length - offset);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                ArgumentNullException.ThrowIfNull(frames[offset + i], nameof(frames));
                RequireFits(predictions[offset + i]);
                Preprocess(frames[offset + i], i);
            }

            Run(count);
            long end = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                Score(i, frames[offset + i], predictions[offset + i], end, (end - start) / count);
            }
        }
    }

    /// <summary>
    /// The float input of the first <paramref name="batchSize"/> images, for callers that fill the tensor themselves
    /// (benchmarks, reference checks); <see cref="RunRaw"/> then runs it.
    /// </summary>
    /// <remarks>The span points into pinned memory the classifier owns; it stays valid until the classifier is disposed.</remarks>
    public Span<float> GetInputBuffer(int batchSize)
    {
        RequireBatch(batchSize);
        return (_floatInput ?? throw new InvalidOperationException($"{ModelName} takes a uint8 input: use GetInputBytes."))
            .AsSpan(0, batchSize * _elementsPerImage);
    }

    /// <summary>The uint8 input of the first <paramref name="batchSize"/> images, for uint8 models.</summary>
    public Span<byte> GetInputBytes(int batchSize)
    {
        RequireBatch(batchSize);
        return (_byteInput ?? throw new InvalidOperationException($"{ModelName} takes a float32 input: use GetInputBuffer."))
            .AsSpan(0, batchSize * _elementsPerImage);
    }

    /// <summary>Runs the model on the input buffer as it is; the result is in <see cref="LastRawOutput"/>.</summary>
    public void RunRaw(int batchSize)
    {
        RequireBatch(batchSize);
        Run(batchSize);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DisposeBindings();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static void RequireModelFile(string modelPath)
    {
        var file = new FileInfo(modelPath);
        if (!file.Exists)
        {
            throw ModelLoadException.For(modelPath, Directory.Exists(modelPath) ? "is a folder, not a model file" : "model file not found");
        }

        if (file.Length == 0)
        {
            throw ModelLoadException.For(modelPath, "model file is empty (0 bytes)");
        }
    }

    private static (InferenceSession Session, ProviderChoice Provider) CreateSession(string modelPath, ClassifierOptions options)
    {
        ProviderChoice provider;
        using (var sessionOptions = NewSessionOptions(options))
        {
            provider = ExecutionProviders.Configure(sessionOptions, options.Provider);
            try
            {
                return (new InferenceSession(modelPath, sessionOptions), provider);
            }
            catch (OnnxRuntimeException e) when (provider.IsCuda)
            {
                // Appending CUDA succeeds without a usable GPU; the failure shows when the session starts.
                provider = ExecutionProviders.FallBackToCpu(options.Provider, $"CUDA failed to start: {ExecutionProviders.OneLine(e.Message)}");
            }
            catch (OnnxRuntimeException e)
            {
                throw NotLoadable(modelPath, e);
            }
        }

        using var cpuOptions = NewSessionOptions(options);
        try
        {
            return (new InferenceSession(modelPath, cpuOptions), provider);
        }
        catch (OnnxRuntimeException e)
        {
            throw NotLoadable(modelPath, e);
        }
    }

    private static SessionOptions NewSessionOptions(ClassifierOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            // Warnings (unused initialisers and the like) are noise for users; errors still surface as exceptions.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // ONNX Runtime's idle intra-op threads spin for a while after each run by default. The classifier always
        // shares the cores with a decoding or capture thread (and the renderer in the live loop); on 2 cores the
        // spinning starved the decoder: `label` end to end went from 0.57-0.74 to 0.83-0.88 of the slower stage's
        // rate with spinning off (docs/benchmarks.md).
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return sessionOptions;
    }

    private static ModelLoadException NotLoadable(string modelPath, OnnxRuntimeException e) =>
        ModelLoadException.For(modelPath, $"not a loadable ONNX model ({ExecutionProviders.OneLine(e.Message)})", e);

    private void ProbeOutputWidth(ModelSignature signature)
    {
        // The model leaves its class dimension free: run once and let ONNX Runtime allocate the output to learn it.
        long[] shape = InputShape(1);
        using var input = _floatInput is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _floatInput.AsMemory(0, _elementsPerImage), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _byteInput.AsMemory(0, _elementsPerImage), shape);
        using var results = _session.Run(_runOptions, [InputName], [input], [OutputName]);
        var outputShape = results[0].GetTensorTypeAndShape().Shape;
        int width = outputShape.Length == 2 ? checked((int)outputShape[1]) : -1;
        ContractResolver.CheckOutputWidth(ModelPath, Contract, signature.Outputs[0], width);
    }

    private long[] InputShape(int batch)
    {
        var spec = Contract.Preprocess;
        return spec.Layout == TensorLayout.Nchw ? [batch, 3, spec.Height, spec.Width] : [batch, spec.Height, spec.Width, 3];
    }

    private BatchBinding Bind(int batch)
    {
        long[] inputShape = InputShape(batch);
        long[] outputShape = [batch, RawOutputWidth];
        return _floatInput is not null
            ? BatchBinding.Create(_session, InputName, _floatInput, inputShape, OutputName, _output, outputShape)
            : BatchBinding.Create(_session, InputName, _byteInput!, inputShape, OutputName, _output, outputShape);
    }

    private void Preprocess(FrameBuffer frame, int slot)
    {
        long start = Stopwatch.GetTimestamp();
        if (_floatInput is not null)
        {
            _preprocessor.Run(frame, _floatInput.AsSpan(slot * _elementsPerImage, _elementsPerImage));
        }
        else
        {
            _preprocessor.Run(frame, _byteInput.AsSpan(slot * _elementsPerImage, _elementsPerImage));
        }

        _preprocessTimes.Add(Stopwatch.GetTimestamp() - start);
    }

    private void Run(int batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long start = Stopwatch.GetTimestamp();
        _bindings[batch - 1].Run(_session, _runOptions);
        _runTimes.Add(Stopwatch.GetTimestamp() - start);
        _lastBatch = batch;
    }

    private void Score(int slot, FrameBuffer frame, Prediction prediction, long completedAt, long ticks)
    {
        ScoreMath.ToProbabilities(Contract.Output, _output.AsSpan(slot * RawOutputWidth, RawOutputWidth), prediction.Probabilities);
        prediction.FrameIndex = frame.FrameIndex;
        prediction.FrameTimestamp = frame.Timestamp;
        prediction.FrameCapturedAt = frame.CapturedAt;
        prediction.CompletedAt = completedAt;
        prediction.InferenceTime = Stopwatch.GetElapsedTime(0, ticks);
        prediction.ModelGeneration = ModelGeneration;
    }

    private void RequireFits(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.ClassCount != Contract.Labels.Count)
        {
            throw new ArgumentException($"{ModelName} has {Contract.Labels.Count} classes; the prediction has room for {prediction.ClassCount}.", nameof(prediction));
        }
    }

    private void RequireBatch(int batchSize)
    {
        if (batchSize < 1 || batchSize > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{ModelName} runs batches of 1..{MaxBatch}.");
        }
    }

    private void DisposeBindings()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }
    }
}
