namespace LiveClassify.Capture.IO;

/// <summary>Codecs <see cref="VideoFileWriter"/> can write.</summary>
public enum VideoCodec
{
    /// <summary>MPEG-4 Part 2 (fourcc <c>mp4v</c>): always available in OpenCV's FFmpeg build.</summary>
    Mp4v,

    /// <summary>
    /// H.264 (fourcc <c>avc1</c>). The FFmpeg inside OpenCvSharp's official linux-x64 runtime has no software H.264
    /// encoder, only <c>h264_v4l2m2m</c>, which needs a hardware encoder device: without one, opening the writer fails.
    /// </summary>
    H264,
}
