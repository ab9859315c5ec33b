namespace LiveClassify.Capture.Pumping;

/// <summary>What a <see cref="CapturePump"/> is doing, as reported by <see cref="CapturePump.StatusChanged"/>.</summary>
public enum CaptureState
{
    /// <summary>The live source went quiet; the pump waits and reopens it.</summary>
    Reconnecting,

    /// <summary>The live source was reopened and frames flow again.</summary>
    Reconnected,

    /// <summary>The file, folder or pattern has no more frames.</summary>
    Ended,

    /// <summary>The pump was stopped.</summary>
    Stopped,

    /// <summary>The pump gave up (reconnection failed too often, or reading threw); see the message.</summary>
    Failed,
}
