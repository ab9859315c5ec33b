namespace LiveClassify.Capture.Pumping;

/// <summary>How a <see cref="CapturePump"/> paces frames and recovers from a silent live source.</summary>
public sealed record CapturePumpOptions
{
    /// <summary>Real time (drop-oldest, files at their own rate) or as fast as possible (back-pressure, no drops).</summary>
    public CapturePacing Pacing { get; init; } = CapturePacing.RealTime;

    /// <summary>Frames each consumer may have waiting with <see cref="CapturePacing.AsFastAsPossible"/>; real time always holds one.</summary>
    public int QueueCapacity { get; init; } = 8;

    /// <summary>Empty reads in a row after which a live source counts as disconnected and is reopened.</summary>
    public int EmptyReadsBeforeReconnect { get; init; } = 30;

    /// <summary>Pause after an empty read, so that a source that fails at once is not spun on.</summary>
    public TimeSpan EmptyReadPause { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Wait before the first reconnection attempt; it doubles after each failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed reopen attempts in a row after which the pump fails; null retries until stopped.</summary>
    public int? MaxReconnectAttempts { get; init; } = 10;
}
