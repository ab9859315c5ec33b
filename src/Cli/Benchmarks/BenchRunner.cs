using System.Diagnostics;
using LiveClassify.Capture.Sources;
using LiveClassify.Cli.Labelling;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Benchmarks;

/// <summary>
/// Measures, in one run and one process: bare ONNX Runtime latency and throughput, the classifier's own run, the
/// preprocessing cost of a 640x480 frame, decode-only fps of a video, and end-to-end <c>label</c> fps with its
/// allocations per frame.
/// </summary>
public static class BenchRunner
{
    /// <summary>
    /// Runs every measurement, logging each as it finishes; <c>label</c> runs with <paramref name="labelPlan"/>, and the
    /// bare sessions are also measured in that arrangement.
    /// </summary>
    public static BenchReport Run(string modelPath, ClassifierOptions options, string? source, int batchN, ThroughputPlan labelPlan, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labelPlan);
        ArgumentNullException.ThrowIfNull(log);
        string scratch = Directory.CreateTempSubdirectory("liveclassify-bench-").FullName;
        try
        {
            using var classifier = OnnxClassifier.Open(modelPath, options);
            var spec = classifier.Contract.Contract.Preprocess;
            log.WriteLine($"bench: {classifier.ModelName} ({spec.Describe()}) on {classifier.Provider.Description}");

            Timings bare1, bareN, classifier1;
            using (var bare = new BareOnnxRuntime(modelPath, spec, options.Threads))
            {
                bare1 = bare.Measure(1, iterations: 200);
                log.WriteLine($"  bare ONNX Runtime, batch 1: p50 {bare1.P50:0.00} ms, p95 {bare1.P95:0.00} ms");
                bareN = bare.Measure(batchN, iterations: 12);
                log.WriteLine($"  bare ONNX Runtime, batch {batchN}: {batchN * 1000 / bareN.P50:0} img/s");
            }

            double bareAtPlan = MeasureBareAtPlan(modelPath, spec, options.Threads, labelPlan);
            log.WriteLine($"  bare ONNX Runtime as label runs it ({labelPlan}): {bareAtPlan:0} img/s");

            classifier1 = Timings.Measure(() => classifier.RunRaw(1), iterations: 200);
            log.WriteLine($"  classifier run, batch 1: p50 {classifier1.P50:0.00} ms");

            var preprocess = MeasurePreprocessing(spec);
            log.WriteLine($"  preprocessing a 640x480 frame: p50 {preprocess.P50:0.000} ms");

            string clip = source ?? Path.Combine(scratch, "bench-640x480-h264.mp4");
            if (source is null)
            {
                BenchClip.Create(clip);
            }

            using var labelClassifier = ParallelClassifier.Open(modelPath, options, labelPlan);
            double decodeFps = MeasureDecode(clip, LabelJob.SourceOptionsFor(labelClassifier));
            log.WriteLine($"  decode only ({Path.GetFileName(clip)}): {decodeFps:0} fps");

            var (frames, labelFps, bytesPerFrame) = MeasureLabel(labelClassifier, clip, Path.Combine(scratch, "labels"));
            log.WriteLine($"  label end to end ({labelPlan}): {labelFps:0} fps over {frames} frames, {bytesPerFrame:0} B allocated per frame");

            return new BenchReport
            {
                Model = classifier.ModelName,
                Provider = classifier.Provider.Description,
                Input = spec.Describe(),
                Threads = options.Threads,
                BareBatch1 = bare1,
                BareBatchN = bareN,
                BatchN = batchN,
                BareAtLabelPlanFps = bareAtPlan,
                ClassifierBatch1 = classifier1,
                Preprocess = preprocess,
                PreprocessFrame = "640x480",
                Source = source ?? "640x480 H.264 30 fps test pattern, 20 s (ffmpeg testsrc2)",
                DecodeFps = decodeFps,
                LabelFrames = frames,
                LabelFps = labelFps,
                LabelPlan = labelPlan,
                LabelAllocatedBytesPerFrame = bytesPerFrame,
            };
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static double MeasureBareAtPlan(string modelPath, PreprocessSpec spec, int threads, ThroughputPlan plan)
    {
        var sessions = new List<BareOnnxRuntime>(plan.Workers);
        try
        {
            while (sessions.Count < plan.Workers)
            {
                sessions.Add(new BareOnnxRuntime(modelPath, spec, plan.SessionThreads(threads)));
            }

            // About 160 images per session and round: a second on a CPU.
            return BareOnnxRuntime.ParallelThroughput(sessions, plan.Batch, iterations: Math.Max(5, 160 / plan.Batch));
        }
        finally
        {
            sessions.ForEach(session => session.Dispose());
        }
    }

    private static Timings MeasurePreprocessing(PreprocessSpec spec)
    {
        var pool = new FramePool();
        var frame = pool.Rent(640, 480);
        try
        {
            new Random(3).NextBytes(frame.Pixels);
            var preprocessor = new FramePreprocessor(spec);
            if (spec.ElementType == TensorElementType.UInt8)
            {
                var bytes = new byte[spec.ElementsPerImage];
                return Timings.Measure(() => preprocessor.Run(frame, bytes), iterations: 200);
            }

            var floats = new float[spec.ElementsPerImage];
            return Timings.Measure(() => preprocessor.Run(frame, floats), iterations: 200);
        }
        finally
        {
            frame.Release();
        }
    }

    private static double MeasureDecode(string clip, FrameSourceOptions options)
    {
        // A first pass warms what label's measured pass also finds warm (the file's pages, the read loop's code).
        ReadAll(clip, options);
        long start = Stopwatch.GetTimestamp();
        long frames = ReadAll(clip, options);
        return frames / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static long ReadAll(string clip, FrameSourceOptions options)
    {
        var pool = new FramePool();
        using var source = FrameSources.Open(SourceSpec.VideoFile(clip), options);
        long frames = 0;
        while (!source.EndOfStream)
        {
            if (source.TryRead(pool, out var frame))
            {
                frame!.Release();
                frames++;
            }
        }

        return frames;
    }

    private static (long Frames, double Fps, double BytesPerFrame) MeasureLabel(ParallelClassifier classifier, string clip, string output)
    {
        var job = new LabelJob(classifier, new LabelJobOptions { OutputFolder = output, Force = true });
        Directory.CreateDirectory(output);

        // A first pass warms the sessions, the code and the file's pages; the measured second pass is the steady
        // state a long video runs in (the job reserves its frame buffers as each input opens).
        job.Run(clip, _ => new LabelProgress(TextWriter.Null, interactive: false, "", null), CancellationToken.None);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        var outcome = job.Run(clip, _ => new LabelProgress(TextWriter.Null, interactive: false, "", null), CancellationToken.None);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (outcome.Summary is not { } summary)
        {
            throw new IOException($"label failed on the benchmark clip: {outcome.Problem}");
        }

        return (summary.FramesClassified, summary.FramesClassified / seconds, (double)allocated / summary.FramesClassified);
    }
}
