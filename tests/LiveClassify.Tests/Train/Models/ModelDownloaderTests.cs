using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Models;

namespace LiveClassify.Tests.Train.Models;

public sealed class ModelDownloaderTests
{
    private const int Size = 300_000;
    private const int Cut = 100_000;
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(Size);
    private static readonly string Hash = Convert.ToHexStringLower(SHA256.HashData(Content));

    [Fact]
    public async Task A_full_download_writes_the_verified_file_and_reports_progress()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();
        string path = folder.Combine("models", "m.onnx");
        var seen = new List<DownloadProgress>();

        bool downloaded = await new ModelDownloader(http).DownloadAsync(server.Serve("/m.onnx", Content), path, Hash, Size, seen.Add, TestContext.Current.CancellationToken);

        Assert.True(downloaded);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(path + ModelDownloader.PartialSuffix));
        Assert.Equal(new DownloadProgress(path, Size, Size), seen[^1]);
        Assert.Equal([null], server.Ranges);
    }

    [Fact]
    public async Task A_cut_connection_is_resumed_with_a_range_request()
    {
        using var server = new LocalHttpServer { CutAfter = Cut, CutsLeft = 1 };
        using var folder = new TempFolder();
        using var http = new HttpClient();
        string path = folder.Combine("m.onnx");

        await new ModelDownloader(http).DownloadAsync(server.Serve("/m.onnx", Content), path, Hash, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Content, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, $"bytes={Cut}-"], server.Ranges);
    }

    [Fact]
    public async Task A_run_that_gives_up_keeps_the_part_file_and_the_next_run_resumes()
    {
        using var server = new LocalHttpServer { CutAfter = Cut, CutsLeft = 1 };
        using var folder = new TempFolder();
        using var http = new HttpClient();
        string path = folder.Combine("m.onnx");
        var url = server.Serve("/m.onnx", Content);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(http, attempts: 1).DownloadAsync(url, path, Hash, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("next run resumes", error.Message, StringComparison.Ordinal);
        Assert.Equal(Cut, new FileInfo(path + ModelDownloader.PartialSuffix).Length);
        Assert.False(File.Exists(path));

        await new ModelDownloader(http, attempts: 1).DownloadAsync(url, path, Hash, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Content, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([null, $"bytes={Cut}-"], server.Ranges);
    }

    [Fact]
    public async Task A_bad_hash_is_refused_and_leaves_no_file()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();
        string path = folder.Combine("m.onnx");
        string wrong = new('0', 64);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(server.Serve("/m.onnx", Content), path, wrong, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"SHA-256 is {Hash}, expected {wrong}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task No_network_is_a_clear_error()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient();
        int port = ClosedPort();
        var url = new Uri($"http://127.0.0.1:{port}/m.onnx");

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(url, folder.Combine("m.onnx"), Hash, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"{url}: cannot connect to 127.0.0.1:{port} (ConnectionRefused", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task An_http_error_names_the_status()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(server.Url("/missing.onnx"), folder.Combine("m.onnx"), Hash, cancellationToken: TestContext.Current.CancellationToken));

        Assert.EndsWith("/missing.onnx: the server answered HTTP 404 Not Found.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_offering_another_size_than_the_pinned_one_is_refused()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(server.Serve("/m.onnx", Content), folder.Combine("m.onnx"), Hash, Size + 1, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("offers 300,000 bytes; the pinned file has 300,001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_already_there_with_the_right_hash_is_not_fetched_again()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();
        string path = folder.Combine("m.onnx");
        var downloader = new ModelDownloader(http);
        var url = server.Serve("/m.onnx", Content);

        await downloader.DownloadAsync(url, path, Hash, cancellationToken: TestContext.Current.CancellationToken);
        bool again = await downloader.DownloadAsync(url, path, Hash, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(again);
        Assert.Single(server.Ranges);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
