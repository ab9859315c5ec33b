using LiveClassify.Inference;

namespace LiveClassify.Cli.Labelling;

/// <summary>One <c>label</c> invocation: expand the inputs, keep this shard's, label each, and say at the end which failed.</summary>
public static class LabelRun
{
    /// <summary>Exit code when every input of the shard was labelled (or already was).</summary>
    public const int Success = 0;

    /// <summary>Exit code when some input failed or was truncated; the others were still labelled.</summary>
    public const int SomeInputsFailed = 1;

    /// <summary>Exit code after Ctrl+C: finished inputs are kept, the one in progress is discarded.</summary>
    public const int Interrupted = 130;

    /// <summary>Labels the inputs, reporting progress and problems on <paramref name="log"/>; returns the exit code.</summary>
    public static int Execute(ParallelClassifier classifier, LabelJobOptions options, IEnumerable<string> arguments, TextWriter log,
        bool interactive, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = new List<string>();
        var all = LabelInputs.Expand(arguments, problems);
        var mine = all.Where(options.Shard.Owns).ToList();
        Directory.CreateDirectory(options.OutputFolder);
        var primary = classifier.Primary;
        log.WriteLine($"label: {mine.Count} of {all.Count} inputs in shard {options.Shard}; model {primary.ModelName} on {primary.Provider.Description}; {classifier.Plan}");

        var job = new LabelJob(classifier, options);
        var outcomes = new List<LabelOutcome>();
        for (int i = 0; i < mine.Count; i++)
        {
            string prefix = $"[{i + 1}/{mine.Count}] {mine[i]}";
            LabelOutcome outcome;
            try
            {
                outcome = job.Run(mine[i], expected => new LabelProgress(log, interactive, prefix, expected), cancellation);
            }
            catch (OperationCanceledException)
            {
                log.WriteLine($"label: stopped; {outcomes.Count} inputs finished, {mine[i]} was discarded and is redone on the next run.");
                return Interrupted;
            }

            outcomes.Add(outcome);
            if (outcome.Kind == LabelOutcomeKind.AlreadyDone)
            {
                log.WriteLine($"{prefix}  already labelled (use --force to redo)");
            }
            else if (outcome.Kind == LabelOutcomeKind.Failed)
            {
                log.WriteLine($"{prefix}  failed: {outcome.Problem}");
            }
        }

        problems.AddRange(outcomes.Where(o => o.Kind is LabelOutcomeKind.Failed or LabelOutcomeKind.Truncated).Select(o => o.Problem!));
        int labelled = outcomes.Count(o => o.Kind is LabelOutcomeKind.Labelled or LabelOutcomeKind.Truncated);
        int skipped = outcomes.Count(o => o.Kind == LabelOutcomeKind.AlreadyDone);
        log.WriteLine($"label: {labelled} labelled, {skipped} already done, {problems.Count} with problems; outputs in {options.OutputFolder}");
        foreach (string problem in problems)
        {
            log.WriteLine($"  {problem}");
        }

        return problems.Count == 0 ? Success : SomeInputsFailed;
    }
}
