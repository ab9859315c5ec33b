using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace LiveClassify.Train.Models;

/// <summary>
/// Downloads a file over HTTP into <c>name.part</c> beside its final name, resuming an interrupted transfer with a
/// Range request, checks its SHA-256 and only then renames it to the final name. A reader of the final name
/// therefore sees a complete, verified file or none.
/// </summary>
/// <remarks>Does not own the <see cref="HttpClient"/> it is given.</remarks>
public sealed class ModelDownloader
{
    /// <summary>Suffix of the file a transfer writes into until it is complete and verified.</summary>
    public const string PartialSuffix = ".part";

    private const int BufferSize = 81_920;
    private readonly HttpClient _http;
    private readonly int _attempts;

    /// <summary>Creates a downloader over a client.</summary>
    /// <param name="http">The client to use; it stays the caller's.</param>
    /// <param name="attempts">Transfers tried per file; each one after the first resumes where the last stopped.</param>
    public ModelDownloader(HttpClient http, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _http = http;
        _attempts = attempts;
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/> unless a file with the expected hash is
    /// already there.
    /// </summary>
    /// <param name="url">Where the file is.</param>
    /// <param name="destination">The final path.</param>
    /// <param name="sha256">Expected SHA-256, hexadecimal.</param>
    /// <param name="expectedBytes">The file's size when known: a server that announces another size is refused before
    /// the transfer, and progress has a total even when the server gives none.</param>
    /// <param name="progress">Called as bytes arrive, on the downloading thread.</param>
    /// <param name="cancellationToken">Stops the transfer; the <c>.part</c> file is kept for a later resume.</param>
    /// <returns>Whether the file was downloaded (false when it was already there and correct).</returns>
    /// <exception cref="ModelDownloadException">The server is unreachable, answers with an error, keeps cutting the
    /// transfer, or the file's hash is not the expected one (the partial file is then deleted).</exception>
    public async Task<bool> DownloadAsync(
        Uri url,
        string destination,
        string sha256,
        long? expectedBytes = null,
        Action<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (File.Exists(destination) && await HashAsync(destination, cancellationToken).ConfigureAwait(false) == sha256.ToLowerInvariant())
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        string part = destination + PartialSuffix;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, part, destination, expectedBytes, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsCutTransfer(e, cancellationToken) && attempt < _attempts)
            {
                // The connection dropped mid-body: the next attempt resumes from what the .part file holds.
            }
            catch (Exception e) when (IsCutTransfer(e, cancellationToken))
            {
                long have = File.Exists(part) ? new FileInfo(part).Length : 0;
                throw new ModelDownloadException(
                    $"{url}: the transfer was cut {_attempts} times ({e.Message}); {have:N0} bytes are kept in {part} and the next run resumes from there.", e);
            }
        }

        string actual = await HashAsync(part, cancellationToken).ConfigureAwait(false);
        if (actual != sha256.ToLowerInvariant())
        {
            File.Delete(part);
            throw new ModelDownloadException(
                $"{url}: the downloaded file's SHA-256 is {actual}, expected {sha256.ToLowerInvariant()}; it was deleted. The file on the server changed or the transfer was corrupted.");
        }

        File.Move(part, destination, overwrite: true);
        return true;
    }

    private async Task TransferAsync(
        Uri url, string part, string destination, long? expectedBytes, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // The .part file already holds the whole file (or more, from another version): the hash decides.
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelDownloadException(
                string.Create(CultureInfo.InvariantCulture, $"{url}: the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}."));
        }

        // 206 continues the .part file; a 200 (the server ignored the Range) starts it again.
        bool resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have;
        if (!resumed)
        {
            have = 0;
        }

        long? total = response.Content.Headers.ContentRange?.Length ?? (response.Content.Headers.ContentLength + have);
        if (total is { } announced && expectedBytes is { } pinned && announced != pinned)
        {
            throw new ModelDownloadException(
                string.Create(CultureInfo.InvariantCulture, $"{url}: the server offers {announced:N0} bytes; the pinned file has {pinned:N0}. The file on the server changed."));
        }

        total ??= expectedBytes;
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
        try
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                have += read;
                progress?.Invoke(new DownloadProgress(destination, have, total));
            }

            if (total is { } expected && have < expected)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the connection closed after {have:N0} of {expected:N0} bytes"));
            }
        }
        finally
        {
            file.Flush(flushToDisk: true);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException socket)
        {
            throw new ModelDownloadException(
                $"{request.RequestUri}: cannot connect to {request.RequestUri!.Authority} ({socket.SocketErrorCode}: {socket.Message}); is the network reachable?", e);
        }
        catch (HttpRequestException e)
        {
            throw new ModelDownloadException($"{request.RequestUri}: the request failed ({e.Message}).", e);
        }
    }

    private static bool IsCutTransfer(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && error is IOException or HttpRequestException;

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
