using System.CommandLine;
using LiveClassify.Train.Data;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// <c>liveclassify datasets fashion-mnist --out DIR [--test] [--per-class N]</c>: writes Debian's Fashion-MNIST
/// (package dataset-fashion-mnist) as a folder of class folders, the layout <c>train</c> and <c>eval</c> read.
/// </summary>
public static class DatasetsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write the class folders into.", Required = true };
        var test = new Option<bool>("--test") { Description = "The 10,000 test images instead of the 60,000 training images." };
        var perClass = new Option<int?>("--per-class") { Description = "At most N images per class (default: all)." };
        var fashion = new Command("fashion-mnist", "Fashion-MNIST (ten classes of clothing, 28x28 grey) as PNG class folders.") { output, test, perClass };
        fashion.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            return CommandErrors.Guard(config.Error, "datasets fashion-mnist", () =>
            {
                if (!FashionMnist.IsInstalled())
                {
                    throw new FileNotFoundException(
                        $"Fashion-MNIST is not in {FashionMnist.DefaultFolder}: apt-get install dataset-fashion-mnist");
                }

                bool isTest = parseResult.GetValue(test);
                var set = FashionMnist.Read(isTest);
                string root = parseResult.GetValue(output)!;
                int written = FashionMnist.WriteClassFolders(set, root, parseResult.GetValue(perClass) ?? set.Count);
                config.Output.WriteLine($"datasets: wrote {written} {(isTest ? "test" : "training")} images into {root}");
                return 0;
            });
        });
        return new Command("datasets", "Write a dataset available on this machine as class folders.") { fashion };
    }
}
