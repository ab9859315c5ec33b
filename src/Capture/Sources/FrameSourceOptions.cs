namespace LiveClassify.Capture.Sources;

/// <summary>How sources are opened; the defaults suit a live session.</summary>
public sealed record FrameSourceOptions
{
    /// <summary>Frame width to ask a camera for; null keeps the camera's default.</summary>
    public int? CameraWidth { get; init; }

    /// <summary>Frame height to ask a camera for; null keeps the camera's default.</summary>
    public int? CameraHeight { get; init; }

    /// <summary>Frame rate to ask a camera for; null keeps the camera's default.</summary>
    public double? CameraFps { get; init; }

    /// <summary>The rate image folders are played at: frame <c>i</c> gets timestamp <c>i / ImageFps</c>.</summary>
    public double ImageFps { get; init; } = 30;

    /// <summary>
    /// Threads FFmpeg decodes a video file with; 0 lets it use one per core. Frame-threaded decoding spends about a
    /// quarter more CPU per frame (2.7-3.1 ms against 2.1-2.3 ms for a 640x480 H.264 frame here) to be faster alone,
    /// so a reader whose cores are busy with inference anyway does better with 1.
    /// </summary>
    public int DecodeThreads { get; init; }

    /// <summary>The <c>ffmpeg</c> command that decodes network streams.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>How long a stream may take to deliver its first frame before opening fails.</summary>
    public TimeSpan StreamOpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long ffmpeg waits on a silent connection before it gives up (and the stream counts as dropped).</summary>
    public TimeSpan StreamIoTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
