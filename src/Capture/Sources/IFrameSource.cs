using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// A stream of BGR frames from a camera, file, image folder, network stream or generated pattern.
/// </summary>
/// <remarks>
/// Not thread-safe: one thread (the capture thread) reads; the figures may be read from any thread. Open sources with
/// <see cref="FrameSources.Open(SourceSpec, FrameSourceOptions?)"/>, which hands over ownership: the caller disposes the source.
/// </remarks>
public interface IFrameSource : IDisposable
{
    /// <summary>What was opened.</summary>
    SourceSpec Spec { get; }

    /// <summary>Whether frames arrive at the sender's pace (camera, stream) rather than from storage.</summary>
    bool IsLive { get; }

    /// <summary>Frame width; for image folders, the first image's (each frame carries its own size).</summary>
    int Width { get; }

    /// <summary>Frame height; for image folders, the first image's.</summary>
    int Height { get; }

    /// <summary>The rate the container, camera or pattern declares; 0 when unknown.</summary>
    double NominalFps { get; }

    /// <summary>Frames per second actually read, measured over about the last second.</summary>
    double MeasuredFps { get; }

    /// <summary>Frames read so far.</summary>
    long FramesRead { get; }

    /// <summary>True once a file, folder or finite pattern has no more frames. Live sources never end by themselves.</summary>
    bool EndOfStream { get; }

    /// <summary>The number of frames the container declares, when it does.</summary>
    long? ExpectedFrameCount { get; }

    /// <summary>True at the end of a file that decoded fewer frames than <see cref="ExpectedFrameCount"/>.</summary>
    bool IsTruncated { get; }

    /// <summary>Frames or files that could not be read (unreadable images, failed stream reads).</summary>
    int ErrorCount { get; }

    /// <summary>The last such error, one line naming the file or stream; null when there was none.</summary>
    string? LastError { get; }

    /// <summary>
    /// Reads the next frame into a buffer rented from <paramref name="pool"/>, stamped with its index, timestamp
    /// (container time for files and patterns, time since opening for live sources) and capture time.
    /// </summary>
    /// <returns>
    /// True with a frame whose one reference the caller now owns; false at the end of the stream
    /// (<see cref="EndOfStream"/>) or, for live sources, on an empty read (a camera or stream that sent nothing).
    /// </returns>
    bool TryRead(FramePool pool, out FrameBuffer? frame);
}
