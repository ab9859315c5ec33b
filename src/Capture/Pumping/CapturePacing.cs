namespace LiveClassify.Capture.Pumping;

/// <summary>How a <see cref="CapturePump"/> hands frames over.</summary>
public enum CapturePacing
{
    /// <summary>
    /// Live use: files and patterns play at their own rate, and each consumer holds at most one frame, the newest;
    /// a consumer that is behind loses the older frame (drop-oldest) instead of gaining latency.
    /// </summary>
    RealTime,

    /// <summary>Batch use: frames are read as fast as the slowest consumer takes them, and none is dropped.</summary>
    AsFastAsPossible,
}
