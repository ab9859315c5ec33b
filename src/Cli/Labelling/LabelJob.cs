using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using LiveClassify.Capture.IO;
using LiveClassify.Capture.Sources;
using LiveClassify.Core.Datasets;
using LiveClassify.Core.Frames;
using LiveClassify.Core.Predictions;
using LiveClassify.Core.Smoothing;
using LiveClassify.Inference;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Labels video files with one classifier: per input a frame file, a segments file, optionally an annotated MP4, and
/// the summary that marks it finished. A decode thread reads ahead while the calling thread classifies, so decoding
/// and inference overlap.
/// </summary>
/// <remarks>
/// Every output is written under a hidden temporary name and renamed when complete; the summary goes last. An
/// interrupted run therefore leaves no file that looks finished, and a rerun skips exactly the finished inputs.
/// </remarks>
public sealed class LabelJob
{
    private readonly ParallelClassifier _classifier;
    private readonly LabelJobOptions _options;
    private readonly FramePool _pool = new();
    private readonly int _pendingCap;
    private readonly Prediction[] _predictions;
    private readonly FrameBuffer[] _round; // the frames of one Classify call
    private readonly int[] _ranked;
    private readonly FrameSourceOptions _sourceOptions;

    /// <summary>Creates a job that runs <paramref name="classifier"/> (not owned) with <paramref name="options"/>.</summary>
    public LabelJob(ParallelClassifier classifier, LabelJobOptions options)
    {
        _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var labels = classifier.Primary.Contract.Labels;
        int round = classifier.RoundFrames;
        _predictions = [.. Enumerable.Range(0, round).Select(_ => new Prediction(labels.Count))];
        _round = new FrameBuffer[round];
        _pendingCap = 4 * round;
        _ranked = new int[Math.Min(Math.Max(1, options.TopK), labels.Count)];
        _sourceOptions = SourceOptionsFor(classifier);
    }

    /// <summary>
    /// How the job opens its inputs: while inference runs on the CPU every core is busy with it, and the decoder runs
    /// on its own thread beside it, so it decodes single-threaded, the cheapest per frame; on CUDA FFmpeg may use
    /// every core.
    /// </summary>
    public static FrameSourceOptions SourceOptionsFor(ParallelClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return new FrameSourceOptions { DecodeThreads = classifier.Primary.Provider.IsCuda ? 0 : 1 };
    }

    /// <summary>Frame buffers currently rented (0 between inputs; a test checks nothing leaks).</summary>
    public int FramesOutstanding => _pool.Outstanding;

    /// <summary>Labels <paramref name="input"/>; never throws for a bad input, which becomes a failed outcome.</summary>
    public LabelOutcome Run(string input, Func<long?, LabelProgress> startProgress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(startProgress);
        var paths = LabelOutputPaths.For(_options.OutputFolder, input, _options.Format);
        if (!_options.Force && File.Exists(paths.Summary))
        {
            return new LabelOutcome(input, LabelOutcomeKind.AlreadyDone);
        }

        IFrameSource? source = null;
        try
        {
            source = FrameSources.Open(SourceSpec.VideoFile(input), _sourceOptions);
            return Label(input, source, paths, startProgress(source.ExpectedFrameCount), cancellation);
        }
        catch (Exception e) when (source is null && Commands.CommandErrors.IsUserError(e))
        {
            return new LabelOutcome(input, LabelOutcomeKind.Failed, Problem: e.Message);
        }
        finally
        {
            source?.Dispose();
        }
    }

    private LabelOutcome Label(string input, IFrameSource source, LabelOutputPaths paths, LabelProgress progress, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var labels = _classifier.Primary.Contract.Labels;
        var smoother = new PredictionSmoother(labels.Count, _options.Smoothing);
        var segments = new SegmentBuilder(labels);
        var annotator = _options.Annotate ? new FrameAnnotator(labels) : null;
        string framesTemporary = LabelOutputPaths.TemporaryFor(paths.Frames);
        string annotatedTemporary = LabelOutputPaths.TemporaryFor(paths.Annotated);
        double fps = source.NominalFps > 0 ? source.NominalFps : 30;
        long classified = 0;
        TimeSpan lastTime = TimeSpan.Zero;
        var selector = new FrameSelector(_options.Every, _options.Fps);
        // Room for the next round while this one is classified: decoding never waits on inference unless it is ahead.
        // The frames in flight then peak at a full ring, a full round and the one the decoder holds while it waits
        // for room; reserving them now keeps the pool from growing mid-file, whenever the peak first comes.
        _pool.Reserve(source.Width, source.Height, (2 * _round.Length) + 1);
        using var reader = new ReadAhead(source, _pool, capacity: _round.Length);
        try
        {
            using var records = new FrameRecordWriter(File.Create(framesTemporary), _options.Format, labels, _ranked.Length);
            using var video = annotator is null ? null : VideoFileWriter.Create(annotatedTemporary, source.Width, source.Height, fps);

            // Frames wait here, in order, until the round holding them has been classified: the annotated video needs
            // every frame, drawn with the newest result. The cap bounds memory when few frames are selected.
            var pending = new Queue<FrameBuffer>(_pendingCap);
            int inRound = 0;
            SmoothedLabel smoothed = default;
            Prediction? latest = null;

            void Drain()
            {
                if (inRound > 0)
                {
                    _classifier.Classify(new ArraySegment<FrameBuffer>(_round, 0, inRound), new ArraySegment<Prediction>(_predictions, 0, inRound));
                }

                int next = 0;
                while (pending.TryDequeue(out var done))
                {
                    if (next < inRound && ReferenceEquals(done, _round[next]))
                    {
                        latest = _predictions[next++];
                        int count = latest.TopK(_ranked);
                        records.Write(done.FrameIndex, done.Timestamp, _ranked.AsSpan(0, count), latest.Probabilities);
                        smoothed = smoother.Update(latest.Probabilities, done.Timestamp);
                        segments.Add(done.Timestamp, smoothed);
                        classified++;
                    }

                    if (video is not null)
                    {
                        if (latest is not null)
                        {
                            annotator!.Draw(done, smoothed.ClassIndex, smoothed.Score, _ranked.AsSpan(0, latest.TopK(_ranked)), latest.Probabilities);
                        }

                        video.Write(done);
                    }

                    done.Release();
                }

                inRound = 0;
            }

            while (!cancellation.IsCancellationRequested && reader.TryTake(out var frame))
            {
                lastTime = frame.Timestamp;
                if (selector.Select(frame.FrameIndex, frame.Timestamp))
                {
                    _round[inRound++] = frame;
                }
                else if (video is null)
                {
                    frame.Release();
                    continue;
                }

                pending.Enqueue(frame);
                if (inRound == _round.Length || pending.Count >= _pendingCap || inRound == 0)
                {
                    Drain();
                }

                progress.Update(source.FramesRead);
            }

            Drain();
            records.Flush();
            cancellation.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            TryDelete(framesTemporary);
            TryDelete(annotatedTemporary);
            progress.Finish(source.FramesRead, "stopped; outputs discarded");
            throw;
        }
        catch (Exception e) when (Commands.CommandErrors.IsUserError(e))
        {
            TryDelete(framesTemporary);
            TryDelete(annotatedTemporary);
            progress.Finish(source.FramesRead, "failed");
            return new LabelOutcome(input, LabelOutcomeKind.Failed, Problem: $"{input}: {e.Message}");
        }

        if (classified == 0)
        {
            TryDelete(framesTemporary);
            TryDelete(annotatedTemporary);
            string why = source.LastError ?? "no frame could be decoded";
            progress.Finish(source.FramesRead, "failed");
            return new LabelOutcome(input, LabelOutcomeKind.Failed, Problem: $"{input}: {why}");
        }

        File.Move(framesTemporary, paths.Frames, overwrite: true);
        AtomicFile.WriteAllBytes(paths.Segments, Encoding.UTF8.GetBytes(SegmentFile.Format(segments.Finish(TimeSpan.FromSeconds(1 / fps)))));
        if (annotator is not null)
        {
            File.Move(annotatedTemporary, paths.Annotated, overwrite: true);
        }

        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var summary = new LabelSummary
        {
            Input = input,
            FramesRead = source.FramesRead,
            FramesClassified = classified,
            DecodeErrors = source.ErrorCount,
            Truncated = source.IsTruncated,
            ExpectedFrames = source.ExpectedFrameCount,
            DurationS = (lastTime + TimeSpan.FromSeconds(1 / fps)).TotalSeconds,
            ProcessingFps = source.FramesRead / Math.Max(elapsed, 1e-9),
            ElapsedS = elapsed,
            Model = _classifier.Primary.ModelName,
            Provider = _classifier.Primary.Provider.Description,
            Preprocessing = _classifier.Primary.Contract.Contract.Preprocess.Describe(),
            Workers = _classifier.Workers,
            Batch = _classifier.Primary.MaxBatch,
            Segments = segments.Segments.Count,
            FramesFile = Path.GetFileName(paths.Frames),
            SegmentsFile = Path.GetFileName(paths.Segments),
            AnnotatedFile = annotator is null ? null : Path.GetFileName(paths.Annotated),
            Shard = _options.Shard.ToString(),
        };
        AtomicFile.WriteAllBytes(paths.Summary, Encoding.UTF8.GetBytes(summary.ToJson()));
        var kind = source.IsTruncated ? LabelOutcomeKind.Truncated : LabelOutcomeKind.Labelled;
        progress.Finish(source.FramesRead, kind == LabelOutcomeKind.Truncated
            ? $"truncated: {source.FramesRead} of {source.ExpectedFrameCount} frames decoded"
            : "done");
        return new LabelOutcome(input, kind, summary,
            kind == LabelOutcomeKind.Truncated ? $"{input}: truncated, labelled the {source.FramesRead} frames that decode of {source.ExpectedFrameCount}" : null);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Hidden temporary files are ignored by every reader; a leftover is harmless.
        }
    }
}
