using System.CommandLine;
using System.Globalization;
using LiveClassify.Train.Models;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify models list</c> and <c>liveclassify models pull NAME [--dir models] [--mirror URL]</c>: the
/// standard models LiveClassify knows, downloaded with resume and a SHA-256 check.
/// </summary>
public static class ModelsCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var list = new Command("list", "List the models `pull` can fetch, with their source and hash.");
        list.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var entry in ModelCatalog.Entries)
            {
                output.WriteLine($"{entry.Name}: {entry.Description}");
                output.WriteLine($"  model  {entry.ModelUrl} (sha256 {entry.ModelSha256})");
                output.WriteLine($"  labels {entry.LabelsUrl} (sha256 {entry.LabelsSha256})");
            }

            return 0;
        });

        var name = new Argument<string>("name") { Description = "Model to fetch (see `models list`)." };
        var folder = new Option<string>("--dir") { Description = "Folder to put it in.", DefaultValueFactory = _ => "models" };
        var mirror = new Option<Uri?>("--mirror")
        {
            Description = "Fetch the same files (same names, same hashes) from this base URL instead, e.g. a site-local copy.",
            CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri)
                ? uri
                : throw new FormatException($"--mirror '{result.Tokens.Single().Value}' is not an absolute URL."),
        };
        var pull = new Command("pull", "Download a standard model and its labels, checking their SHA-256.") { name, folder, mirror };
        pull.SetAction(async (parseResult, cancellation) =>
        {
            var config = parseResult.InvocationConfiguration;
            try
            {
                var entry = WithMirror(ModelCatalog.Find(parseResult.GetValue(name)!), parseResult.GetValue(mirror));
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                var downloader = new ModelDownloader(http);
                long lastReported = -1;
                var pulled = await ModelPuller.PullAsync(downloader, entry, parseResult.GetValue(folder)!, progress =>
                {
                    long percent = progress.TotalBytes is > 0 ? progress.BytesReceived * 100 / progress.TotalBytes.Value : -1;
                    if (percent != lastReported && percent % 10 == 0)
                    {
                        lastReported = percent;
                        config.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {progress.File}: {percent}%"));
                    }
                }, cancellation).ConfigureAwait(false);
                config.Output.WriteLine(pulled.Downloaded
                    ? $"models pull: {pulled.ModelPath} (labels {pulled.LabelsPath}, contract {pulled.SidecarPath})"
                    : $"models pull: {pulled.ModelPath} is already here and matches its hash");
                return 0;
            }
            catch (Exception e) when (CommandErrors.IsUserError(e))
            {
                config.Error.WriteLine($"liveclassify models pull: {e.Message}");
                return 1;
            }
        });

        return new Command("models", "Standard models: list them, pull one.") { list, pull };
    }

    private static ModelCatalogEntry WithMirror(ModelCatalogEntry entry, Uri? mirror)
    {
        if (mirror is null)
        {
            return entry;
        }

        var root = mirror.AbsoluteUri.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/");
        return entry with
        {
            ModelUrl = new Uri(root, entry.ModelFileName),
            LabelsUrl = new Uri(root, Path.GetFileName(entry.LabelsUrl.AbsolutePath)),
        };
    }
}
