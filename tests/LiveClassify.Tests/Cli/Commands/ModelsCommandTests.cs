using System.CommandLine;
using LiveClassify.Cli;
using LiveClassify.Tests.Support;
using LiveClassify.Tests.Train.Models;

namespace LiveClassify.Tests.Cli.Commands;

/// <summary><c>models pull</c> as a user runs it, against a server on 127.0.0.1 (nothing else is reachable here).</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_mirror_serving_the_wrong_bytes_is_refused_and_leaves_no_model_behind()
    {
        using var server = new LocalHttpServer();
        server.Serve("/mirror/mobilenetv2-12.onnx", new byte[4096]);
        server.Serve("/mirror/imagenet_classes.txt", "tench\n"u8.ToArray());

        var (exit, _, error) = await Run("models", "pull", "mobilenetv2", "--dir", _folder.Path, "--mirror", server.Url("/mirror/").ToString());

        Assert.Equal(1, exit);
        Assert.Contains("sha", error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(_folder.Combine("mobilenetv2-12.onnx")));
    }

    [Fact]
    public async Task No_server_gives_one_clear_line()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (exit, _, error) = await Run("models", "pull", "mobilenetv2", "--dir", _folder.Path, "--mirror", $"http://127.0.0.1:{closedPort}/");

        Assert.Equal(1, exit);
        Assert.Single(error.Trim().Split('\n'), line => line.StartsWith("liveclassify models pull:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_model_name_lists_what_is_known()
    {
        var (exit, _, error) = await Run("models", "pull", "resnet9000", "--dir", _folder.Path);

        Assert.Equal(1, exit);
        Assert.Contains("mobilenetv2", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        int exit = await CliApp.Create().Parse(args).InvokeAsync(config, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
