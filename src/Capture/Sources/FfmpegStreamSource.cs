using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Sources;

/// <summary>
/// A network stream decoded by a child <c>ffmpeg</c> process that writes each frame to its stdout as a 24-bit BMP
/// (OpenCV's own FFmpeg here is built without network protocols). Each BMP header carries the frame size, so no
/// separate probe is needed and a stream that changes size mid-way still reads correctly.
/// </summary>
/// <remarks>
/// When ffmpeg stops (the connection dropped, or it timed out on a silent one) reads come back empty; the stream does
/// not end by itself, and a capture pump reopens it.
/// </remarks>
internal sealed class FfmpegStreamSource : FrameSourceBase
{
    private const int HeaderBytes = 54;

    private readonly Process _ffmpeg;
    private readonly Stream _pipe;
    private readonly byte[] _header = new byte[HeaderBytes];
    private readonly byte[] _skip = new byte[64];
    private readonly string _url;
    private bool _headerPending;
    private bool _stopped;
    private string? _lastStderrLine;

    private FfmpegStreamSource(SourceSpec spec, Process ffmpeg)
        : base(spec)
    {
        _ffmpeg = ffmpeg;
        _pipe = ffmpeg.StandardOutput.BaseStream;
        _url = spec.Text;
    }

    /// <summary>Starts ffmpeg and waits for the first frame's header to learn the size; the caller owns the source.</summary>
    /// <exception cref="CaptureException">ffmpeg is missing, cannot read the stream, or sends nothing in time.</exception>
    public static FfmpegStreamSource Open(SourceSpec spec, FrameSourceOptions options)
    {
        var start = new ProcessStartInfo(options.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        string timeout = ((long)options.StreamIoTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        foreach (string argument in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-rw_timeout", timeout, "-i", spec.Text,
                     "-map", "0:v:0", "-an", "-sn", "-fps_mode", "passthrough", "-pix_fmt", "bgr24", "-c:v", "bmp", "-f", "image2pipe", "pipe:1"])
        {
            start.ArgumentList.Add(argument);
        }

        var ffmpeg = new Process { StartInfo = start };
        FfmpegStreamSource? source = null;
        try
        {
            try
            {
                ffmpeg.Start();
            }
            catch (Win32Exception exception)
            {
                throw new CaptureException(spec.Text, $"network streams are decoded by the '{options.FfmpegPath}' command, which could not be started ({exception.Message}); install ffmpeg", exception);
            }

            source = new FfmpegStreamSource(spec, ffmpeg);
            ffmpeg.ErrorDataReceived += source.OnStderr;
            ffmpeg.BeginErrorReadLine();
            source.AwaitFirstHeader(options.StreamOpenTimeout);
            return source;
        }
        catch
        {
            if (source is null)
            {
                ffmpeg.Dispose();
            }
            else
            {
                source.Dispose();
            }

            throw;
        }
    }

    protected override bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        frame = null;
        if (_stopped)
        {
            return false;
        }

        if (!_headerPending && !ReadHeader())
        {
            Stop();
            return false;
        }

        _headerPending = false;
        var (width, height, bottomUp, extra) = ParseHeader();
        var rented = pool.Rent(width, height);
        try
        {
            SkipBytes(extra);
            int rowBytes = width * 3;
            int padding = (4 - (rowBytes % 4)) % 4;
            var pixels = rented.Pixels;
            for (int i = 0; i < height; i++)
            {
                int row = bottomUp ? height - 1 - i : i;
                _pipe.ReadExactly(pixels.Slice(row * rowBytes, rowBytes));
                SkipBytes(padding);
            }
        }
        catch (EndOfStreamException)
        {
            rented.Release();
            Stop();
            return false;
        }

        rented.Timestamp = SinceOpened(Stopwatch.GetTimestamp());
        frame = rented;
        return true;
    }

    protected override void DisposeCore()
    {
        Kill();
        _ffmpeg.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_ffmpeg.HasExited)
            {
                _ffmpeg.Kill(entireProcessTree: true);
                _ffmpeg.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // The process ended between the check and the kill.
        }
    }

    private void AwaitFirstHeader(TimeSpan timeout)
    {
        // A pipe read cannot be cancelled; on timeout the process is killed, which ends the read.
        var read = Task.Run(ReadHeader);
        if (!read.Wait(timeout))
        {
            Kill();
            throw new CaptureException(_url, $"no frame within {timeout.TotalSeconds:0.#} s{StderrSuffix()}");
        }

        if (!read.Result)
        {
            AwaitExit();
            throw new CaptureException(_url, $"ffmpeg could not read the stream{StderrSuffix()}");
        }

        var (width, height, _, _) = ParseHeader();
        Width = width;
        Height = height;
        _headerPending = true;
    }

    private bool ReadHeader() => _pipe.ReadAtLeast(_header, HeaderBytes, throwOnEndOfStream: false) == HeaderBytes;

    private (int Width, int Height, bool BottomUp, int Extra) ParseHeader()
    {
        var header = _header.AsSpan();
        if (header[0] != (byte)'B' || header[1] != (byte)'M' || BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) != 24)
        {
            throw new CaptureException(_url, "ffmpeg sent something other than a 24-bit BMP frame");
        }

        int dataOffset = BinaryPrimitives.ReadInt32LittleEndian(header[10..]);
        int width = BinaryPrimitives.ReadInt32LittleEndian(header[18..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(header[22..]);
        return (width, Math.Abs(height), height > 0, dataOffset - HeaderBytes);
    }

    private void SkipBytes(int count)
    {
        while (count > 0)
        {
            int chunk = Math.Min(count, _skip.Length);
            _pipe.ReadExactly(_skip, 0, chunk);
            count -= chunk;
        }
    }

    private void Stop()
    {
        _stopped = true;
        AwaitExit();
        RecordError($"{_url}: the stream stopped{StderrSuffix()}");
    }

    /// <summary>Waits briefly for ffmpeg to exit and, if it did, for its last stderr lines, which name the reason.</summary>
    private void AwaitExit()
    {
        // Only the parameterless WaitForExit waits for the asynchronous stderr reader to reach the end.
        if (_ffmpeg.WaitForExit(2000))
        {
            _ffmpeg.WaitForExit();
        }
    }

    private void OnStderr(object sender, DataReceivedEventArgs e)
    {
        if (!string.IsNullOrWhiteSpace(e.Data))
        {
            Volatile.Write(ref _lastStderrLine, e.Data.Trim());
        }
    }

    private string StderrSuffix() => Volatile.Read(ref _lastStderrLine) is { } line ? $" (ffmpeg: {line})" : "";
}
