using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveClassify.Tests.Train.Models;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 for download tests: serves byte arrays with Range support (206, 416),
/// answers 404 for unknown paths, and can cut the connection part-way through a body. One request per connection.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _cutsLeft;

    public LocalHttpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The Range header of each request received, in order (null when absent).</summary>
    public ConcurrentQueue<string?> Ranges { get; } = new();

    /// <summary>How many bytes of a body are sent before a cut.</summary>
    public int CutAfter { get; set; }

    /// <summary>The next this-many responses are cut after <see cref="CutAfter"/> body bytes.</summary>
    public int CutsLeft
    {
        get => Volatile.Read(ref _cutsLeft);
        set => Volatile.Write(ref _cutsLeft, value);
    }

    public Uri Serve(string path, byte[] content)
    {
        _files[path] = content;
        return Url(path);
    }

    public Uri Url(string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{path}"));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener; its exception is expected.
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, range) = await ReadRequestAsync(stream);
                Ranges.Enqueue(range);
                if (!_files.TryGetValue(path, out var content))
                {
                    await WriteHeadAsync(stream, "404 Not Found", 0, null);
                    return;
                }

                long start = range is null ? 0 : long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
                if (start >= content.Length)
                {
                    await WriteHeadAsync(stream, "416 Range Not Satisfiable", 0, $"bytes */{content.Length}");
                    return;
                }

                await WriteHeadAsync(
                    stream,
                    range is null ? "200 OK" : "206 Partial Content",
                    content.Length - start,
                    range is null ? null : $"bytes {start}-{content.Length - 1}/{content.Length}");
                int length = content.Length - (int)start;
                if (Interlocked.Decrement(ref _cutsLeft) >= 0)
                {
                    length = Math.Min(length, CutAfter);
                }

                await stream.WriteAsync(content.AsMemory((int)start, length));
                await stream.FlushAsync();
            }
            catch (IOException)
            {
                // The client went away: nothing to serve.
            }
        }
    }

    private static async Task<(string Path, string? Range)> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }

        string[] lines = head.ToString().Split("\r\n");
        string path = lines[0].Split(' ')[1];
        string? range = lines.FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?["Range:".Length..].Trim();
        return (path, range);
    }

    private static async Task WriteHeadAsync(NetworkStream stream, string status, long length, string? contentRange)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n")
            .Append("Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nConnection: close\r\n");
        if (contentRange is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Range: {contentRange}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }
}
