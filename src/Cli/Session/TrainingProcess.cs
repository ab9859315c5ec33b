using System.Diagnostics;
using System.Globalization;
using LiveClassify.Core.Datasets;
using LiveClassify.Train.Onnx;

namespace LiveClassify.Cli.Session;

/// <summary>
/// The T key of a session: runs <c>liveclassify train DATASET --out DATASET/_models/model-N.onnx --base MODEL
/// --fine-tune 0 [options]</c> in a child process, keeps its last progress line for the overlay and, when it exits 0,
/// copies the new model atomically over the watched model file, so the live loop's reloader swaps it in.
/// </summary>
/// <remarks>
/// A separate process keeps libtorch's memory and any crash away from the live loop. A failed run (non-zero exit, no
/// output file) leaves the running model alone; its last error line is kept in <see cref="Status"/>.
/// </remarks>
public sealed class TrainingProcess
{
    private readonly string _trainer;
    private readonly IReadOnlyList<string> _trainerPrefix;
    private readonly string _dataset;
    private readonly string _model;
    private readonly string? _base;
    private readonly IReadOnlyList<string> _options;
    private readonly Lock _gate = new();
    private Task? _running;
    private string? _lastOutput;
    private string? _lastError;
    private long _startedAt;

    /// <summary>Prepares training runs of <paramref name="dataset"/> whose result replaces <paramref name="model"/>.</summary>
    /// <param name="dataset">The dataset folder.</param>
    /// <param name="model">The model file the live loop watches (the base of each run when it exists).</param>
    /// <param name="options">Further <c>train</c> options, passed through unchanged.</param>
    /// <param name="trainer">The trainer executable, or null for this program's own <c>train</c> command.</param>
    public TrainingProcess(string dataset, string model, IReadOnlyList<string> options, string? trainer = null)
    {
        _dataset = Path.GetFullPath(dataset);
        _model = Path.GetFullPath(model);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _base = KeepImportableBase(_model, Path.Combine(_dataset, "_models"));
        (_trainer, _trainerPrefix) = trainer is not null ? (trainer, []) : OwnTrainCommand();
    }

    /// <summary>Whether a run is in progress.</summary>
    public bool IsRunning => _running is { IsCompleted: false };

    /// <summary>Runs started so far.</summary>
    public int Runs { get; private set; }

    /// <summary>Runs that produced a model.</summary>
    public int Succeeded { get; private set; }

    /// <summary>The line to show: the trainer's last progress line, or the outcome of the last run.</summary>
    public string? Status { get; private set; }

    /// <summary>Whether <see cref="Status"/> reports a failure.</summary>
    public bool StatusIsError { get; private set; }

    /// <summary>When the last successful run started (Stopwatch ticks), to time T-to-live.</summary>
    public long LastSuccessStartedAt { get; private set; }

    /// <summary>The last run, for tests and shutdown.</summary>
    public Task Completion => _running ?? Task.CompletedTask;

    /// <summary>Starts a run unless one is in progress; returns whether it started.</summary>
    public bool TryStart()
    {
        lock (_gate)
        {
            if (IsRunning)
            {
                return false;
            }

            Runs++;
            string output = NextModelPath();
            _startedAt = Stopwatch.GetTimestamp();
            SetStatus($"training {Path.GetFileName(output)}…", isError: false);
            _running = Task.Run(() => RunAsync(output));
            return true;
        }
    }

    private async Task RunAsync(string output)
    {
        var start = new ProcessStartInfo(_trainer)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in _trainerPrefix.Concat(Arguments(output)))
        {
            start.ArgumentList.Add(argument);
        }

        _lastOutput = null;
        _lastError = null;
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => OnOutput(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    _lastError = e.Data.Trim();

                    // The trainer's in-epoch progress ("train: fit epoch E/N batch b/B loss … ETA …") goes to stderr.
                    if (_lastError.Contains(" epoch ", StringComparison.Ordinal) && _lastError.Contains('/', StringComparison.Ordinal))
                    {
                        SetStatus(_lastError, isError: false);
                    }
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await process.WaitForExitAsync().ConfigureAwait(false);
            Finish(process.ExitCode, output);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            SetStatus($"training failed, keeping the running model: {e.Message}", isError: true);
        }
    }

    private void Finish(int exitCode, string output)
    {
        if (exitCode != 0 || !File.Exists(output))
        {
            string why = _lastError ?? _lastOutput ?? (exitCode == 0 ? $"it wrote no {output}" : "no message");
            SetStatus(string.Create(CultureInfo.InvariantCulture, $"training failed (exit {exitCode}), keeping the running model: {why}"), isError: true);
            return;
        }

        // The watched file is replaced by a rename, so the reloader never reads a half-copied model.
        Directory.CreateDirectory(Path.GetDirectoryName(_model)!);
        AtomicFile.WriteAllBytes(_model, File.ReadAllBytes(output));
        Succeeded++;
        LastSuccessStartedAt = _startedAt;
        SetStatus(string.Create(CultureInfo.InvariantCulture,
            $"trained {Path.GetFileName(output)} in {Stopwatch.GetElapsedTime(_startedAt).TotalSeconds:0.0} s; swapping it in"), isError: false);
    }

    private void OnOutput(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _lastOutput = line.Trim();

        // Progress lines start "epoch E/N"; anything else is kept only as a fallback error message.
        if (_lastOutput.StartsWith("epoch ", StringComparison.OrdinalIgnoreCase))
        {
            SetStatus($"training: {_lastOutput}", isError: false);
        }
    }

    private IEnumerable<string> Arguments(string output)
    {
        yield return "train";
        yield return _dataset;
        yield return "--out";
        yield return output;
        if (_base is not null)
        {
            yield return "--base";
            yield return _base;
        }

        if (!_options.Contains("--fine-tune"))
        {
            // Head only on a pretrained backbone; from random initialisation a frozen backbone learns nothing.
            yield return "--fine-tune";
            yield return _base is null ? "all" : "0";
        }

        foreach (string option in _options)
        {
            yield return option;
        }
    }

    /// <summary>
    /// The session's starting model as the base of every run, when it is a MobileNetV2 the importer reads (a pulled
    /// ImageNet model or one exported by <c>train</c>). A copy is kept because the watched file is replaced by each
    /// run's result, and every run should start from the same weights.
    /// </summary>
    private static string? KeepImportableBase(string model, string folder)
    {
        if (!File.Exists(model))
        {
            return null;
        }

        try
        {
            OnnxImporter.Read(model);
        }
        catch (InvalidDataException)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        string copy = Path.Combine(folder, "base.onnx");
        AtomicFile.WriteAllBytes(copy, File.ReadAllBytes(model));
        return copy;
    }

    private string NextModelPath()
    {
        string folder = Path.Combine(_dataset, "_models");
        Directory.CreateDirectory(folder);
        for (int n = Runs; ; n++)
        {
            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"model-{n}.onnx"));
            if (!File.Exists(path))
            {
                return path;
            }
        }
    }

    private void SetStatus(string text, bool isError)
    {
        // One reference swap: the render thread reads Status and StatusIsError without a lock; a rare mismatch only
        // colours one line wrongly for a tick.
        StatusIsError = isError;
        Status = text;
    }

    private static (string Executable, IReadOnlyList<string> Prefix) OwnTrainCommand()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown: pass --trainer-command.");

        // Run through `dotnet liveclassify.dll` (tests, `dotnet run`): the trainer needs the same assembly.
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(TrainingProcess).Assembly.Location])
            : (process, []);
    }
}
