using System.Text.Json;
using LiveClassify.Core.Datasets;
using LiveClassify.Train.Model;
using TorchSharp;

namespace LiveClassify.Train.Training;

/// <summary>
/// A checkpoint folder: <c>last.weights</c> (the model after the last epoch), <c>best.weights</c>,
/// <c>optimizer.state</c> (Adam moments or SGD momentum) and <c>state.json</c>, written last so a checkpoint
/// interrupted mid-write is never read as complete.
/// </summary>
internal static class Checkpoint
{
    private const string StateFile = "state.json";
    private const string LastWeights = "last.weights";
    private const string BestWeights = "best.weights";
    private const string OptimizerState = "optimizer.state";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(string folder, CheckpointState state, MobileNetV2Classifier model, TorchSharp.Modules.OptimizerHelper optimizer, bool bestChanged)
    {
        Directory.CreateDirectory(folder);
        SaveReplacing(Path.Combine(folder, LastWeights), path => model.save(path));
        if (bestChanged)
        {
            File.Copy(Path.Combine(folder, LastWeights), Path.Combine(folder, BestWeights), overwrite: true);
        }

        SaveReplacing(Path.Combine(folder, OptimizerState), optimizer.save_state_dict);
        AtomicFile.WriteAllBytes(Path.Combine(folder, StateFile), JsonSerializer.SerializeToUtf8Bytes(state, Json));
    }

    /// <summary>Reads the state, or null when the folder holds no checkpoint.</summary>
    public static CheckpointState? ReadState(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"Checkpoint {path} is empty.");
    }

    public static void LoadLast(string folder, MobileNetV2Classifier model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        model.load(Path.Combine(folder, LastWeights));
        optimizer.load_state_dict(Path.Combine(folder, OptimizerState));
    }

    public static void LoadBest(string folder, MobileNetV2Classifier model) => model.load(Path.Combine(folder, BestWeights));

    private static void SaveReplacing(string path, Action<string> save)
    {
        string temporary = path + ".partial";
        save(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
