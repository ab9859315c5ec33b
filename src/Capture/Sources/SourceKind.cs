namespace LiveClassify.Capture.Sources;

/// <summary>What kind of thing a source string names.</summary>
public enum SourceKind
{
    /// <summary>A V4L2 camera, by index (<c>0</c>) or device (<c>/dev/video0</c>).</summary>
    Camera,

    /// <summary>A video file read through OpenCV's FFmpeg backend.</summary>
    VideoFile,

    /// <summary>A folder of images, a glob such as <c>shots/*.jpg</c>, or one image file.</summary>
    ImageFolder,

    /// <summary>An RTSP/HTTP(S)/RTMP/UDP/TCP stream, decoded by the <c>ffmpeg</c> command.</summary>
    Network,

    /// <summary>A generated test pattern (<c>synthetic:NAME</c>).</summary>
    Synthetic,
}
