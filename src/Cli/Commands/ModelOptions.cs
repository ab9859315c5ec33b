using System.CommandLine;
using System.Globalization;
using LiveClassify.Inference;
using LiveClassify.Inference.Contracts;
using LiveClassify.Inference.Providers;

namespace LiveClassify.Cli.Commands;

/// <summary>
/// The model-loading options every command that runs a model takes, with the same names everywhere (scripts depend on
/// them): <c>--model</c>, <c>--labels</c>, <c>--preprocess</c>, <c>--mean</c>/<c>--std</c>, <c>--resize</c>,
/// <c>--size</c>, <c>--provider</c> and <c>--threads</c>. Each contract flag given overrides the model's metadata and
/// sidecar for that field.
/// </summary>
public sealed class ModelOptions
{
    private ModelOptions(bool modelRequired)
    {
        Model = new Option<FileInfo>("--model", "-m") { Description = "The ONNX classifier to run.", Required = modelRequired };
        Labels = new Option<string?>("--labels") { Description = "Labels file (JSON array or one per line); overrides the model's." };
        Preprocess = new Option<string?>("--preprocess")
        {
            Description = "Scaling preset: tf (x/127.5-1), torch (x/255, ImageNet mean/std), caffe (BGR minus means), raw.",
        };
        Preprocess.AcceptOnlyFromAmong("tf", "torch", "caffe", "raw");
        Mean = new Option<string?>("--mean") { Description = "Per-channel mean a,b,c on the 0-1 scale (with --std)." };
        Std = new Option<string?>("--std") { Description = "Per-channel standard deviation a,b,c on the 0-1 scale (with --mean)." };
        Resize = new Option<string?>("--resize") { Description = "stretch, crop (shorter side, then centre crop) or letterbox." };
        Resize.AcceptOnlyFromAmong("stretch", "crop", "letterbox");
        Size = new Option<string?>("--size") { Description = "Model input size: N or WxH." };
        Provider = new Option<ProviderPreference>("--provider")
        {
            Description = "Execution provider: auto (CUDA when built with it and a GPU is present), cpu or cuda.",
            DefaultValueFactory = _ => ProviderPreference.Auto,
        };
        Threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: one per core)." };
    }

    public Option<FileInfo> Model { get; }
    public Option<string?> Labels { get; }
    public Option<string?> Preprocess { get; }
    public Option<string?> Mean { get; }
    public Option<string?> Std { get; }
    public Option<string?> Resize { get; }
    public Option<string?> Size { get; }
    public Option<ProviderPreference> Provider { get; }
    public Option<int> Threads { get; }

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static ModelOptions AddTo(Command command, bool modelRequired = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new ModelOptions(modelRequired);
        foreach (Option option in (Option[])[options.Model, options.Labels, options.Preprocess, options.Mean, options.Std,
                     options.Resize, options.Size, options.Provider, options.Threads])
        {
            command.Options.Add(option);
        }

        return options;
    }

    /// <summary>The model file named on the command line (null when optional and not given).</summary>
    public string? ModelPath(ParseResult parseResult) => parseResult.GetValue(Model)?.FullName;

    /// <summary>
    /// The contract flags given that <c>train</c> also takes, as its arguments: a session's starting model is the base
    /// of its training runs, so the backbone is fed the way the flags say that model expects.
    /// </summary>
    /// <exception cref="ArgumentException"><c>--size WxH</c> is not square: <c>train</c> makes square models.</exception>
    public IReadOnlyList<string> TrainArguments(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var arguments = new List<string>();
        foreach (var option in (Option<string?>[])[Preprocess, Resize, Size])
        {
            if (parseResult.GetValue(option) is { } value)
            {
                arguments.Add(option.Name);
                arguments.Add(option == Size ? SquareSide(value) : value);
            }
        }

        return arguments;
    }

    /// <summary>The side of a square <c>--size</c>, read by the same parser as every other model flag.</summary>
    private static string SquareSide(string size)
    {
        var parsed = new ContractFlags { Size = size }.ToOverrides();
        return parsed.Width == parsed.Height
            ? parsed.Width!.Value.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"--size {size}: train makes square models; a session that trains needs --size N.");
    }

    /// <summary>
    /// The classifier options these flags ask for.
    /// </summary>
    /// <exception cref="ArgumentException">A flag's value is not understood; the message names the flag.</exception>
    public ClassifierOptions ToClassifierOptions(ParseResult parseResult, int maxBatch = 1)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var flags = new ContractFlags
        {
            LabelsPath = parseResult.GetValue(Labels),
            Preprocess = parseResult.GetValue(Preprocess),
            Mean = parseResult.GetValue(Mean),
            Std = parseResult.GetValue(Std),
            Resize = parseResult.GetValue(Resize),
            Size = parseResult.GetValue(Size),
        };
        return new ClassifierOptions
        {
            Overrides = flags.ToOverrides(),
            LabelsPath = flags.LabelsPath,
            Provider = parseResult.GetValue(Provider),
            Threads = parseResult.GetValue(Threads),
            MaxBatch = maxBatch,
        };
    }
}
