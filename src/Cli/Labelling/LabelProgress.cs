using System.Diagnostics;
using System.Globalization;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Progress of labelling one input: frames done, frames per second and time left. On a terminal one line is
/// redrawn in place a few times a second; otherwise (a log file, CI) a plain line is written every few seconds, so
/// logs stay readable.
/// </summary>
public sealed class LabelProgress
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Func<long> _clock;
    private readonly string _prefix;
    private readonly long? _expectedFrames;
    private readonly long _startedAt;
    private long _lastReportAt;

    /// <summary>Starts reporting for one input; <paramref name="clock"/> returns <see cref="Stopwatch"/> ticks.</summary>
    public LabelProgress(TextWriter output, bool interactive, string prefix, long? expectedFrames, Func<long>? clock = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _interactive = interactive;
        _prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
        _expectedFrames = expectedFrames is > 0 ? expectedFrames : null;
        _clock = clock ?? Stopwatch.GetTimestamp;
        _startedAt = _clock();
        _lastReportAt = _startedAt;
    }

    /// <summary>Reports <paramref name="frames"/> done, if enough time has passed since the last report.</summary>
    public void Update(long frames)
    {
        long now = _clock();
        if (Stopwatch.GetElapsedTime(_lastReportAt, now) < (_interactive ? TerminalInterval : LogInterval))
        {
            return;
        }

        _lastReportAt = now;
        string line = Describe(frames, now);
        if (_interactive)
        {
            _output.Write('\r' + line.PadRight(79));
        }
        else
        {
            _output.WriteLine(line);
        }
    }

    /// <summary>Ends the input's progress with a final line.</summary>
    public void Finish(long frames, string outcome)
    {
        string line = $"{Describe(frames, _clock(), finished: true)}  {outcome}";
        _output.WriteLine(_interactive ? '\r' + line.PadRight(79) : line);
    }

    private string Describe(long frames, long now, bool finished = false)
    {
        double seconds = Stopwatch.GetElapsedTime(_startedAt, now).TotalSeconds;
        double rate = seconds > 0 ? frames / seconds : 0;
        string total = _expectedFrames is { } expected ? $"/{expected}" : "";
        string eta = !finished && _expectedFrames is { } all && rate > 0 && all > frames
            ? $"  ETA {FormatDuration((all - frames) / rate)}"
            : finished ? $"  in {FormatDuration(seconds)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{_prefix}  {frames}{total} frames  {rate:0} fps{eta}");
    }

    private static string FormatDuration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Round(seconds));
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:00}");
    }
}
