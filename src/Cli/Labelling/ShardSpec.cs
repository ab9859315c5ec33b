using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveClassify.Cli.Labelling;

/// <summary>
/// Which share of the inputs this process labels: shard <see cref="Index"/> of <see cref="Count"/>, counting from 0.
/// Inputs are assigned by a stable hash of their name, so machines given the same input list split the work with no
/// coordinator, and a rerun of one shard picks the same inputs.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Kubernetes indexed Jobs set this to the pod's completion index.</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// Kubernetes does not tell a pod how many completions its Job has, so the Job spec passes it in this variable
    /// (set it to <c>.spec.completions</c>).
    /// </summary>
    public const string KubernetesCountVariable = "LIVECLASSIFY_SHARDS";

    /// <summary>The whole input list: one shard.</summary>
    public static ShardSpec All { get; } = new(0, 1);

    /// <summary>Parses <c>i/n</c> as a user types it, for example <c>2/8</c>.</summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new FormatException($"--shard '{text}' is not of the form i/n (for example 0/4).");
        }

        return Checked(index, count, $"--shard {text}");
    }

    /// <summary>
    /// The shard named by a Kubernetes indexed Job (<see cref="KubernetesIndexVariable"/> with
    /// <see cref="KubernetesCountVariable"/>) or a Slurm job array (<c>SLURM_ARRAY_TASK_ID</c>, <c>_MIN</c> and
    /// <c>_COUNT</c>), or <see cref="All"/> when neither is present.
    /// </summary>
    public static ShardSpec FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(KubernetesIndexVariable) is { } kubernetesIndex)
        {
            string count = getVariable(KubernetesCountVariable)
                ?? throw new FormatException(
                    $"{KubernetesIndexVariable} is set but {KubernetesCountVariable} is not: set it to the Job's completions.");
            return Checked(ParseVariable(KubernetesIndexVariable, kubernetesIndex), ParseVariable(KubernetesCountVariable, count),
                $"{KubernetesIndexVariable}={kubernetesIndex}");
        }

        if (getVariable("SLURM_ARRAY_TASK_ID") is { } slurmId)
        {
            // Slurm arrays may start anywhere (--array=1-8), so the index is taken relative to the first task.
            int minimum = getVariable("SLURM_ARRAY_TASK_MIN") is { } min ? ParseVariable("SLURM_ARRAY_TASK_MIN", min) : 0;
            string count = getVariable("SLURM_ARRAY_TASK_COUNT")
                ?? throw new FormatException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not.");
            return Checked(ParseVariable("SLURM_ARRAY_TASK_ID", slurmId) - minimum, ParseVariable("SLURM_ARRAY_TASK_COUNT", count),
                $"SLURM_ARRAY_TASK_ID={slurmId}");
        }

        return All;
    }

    /// <summary>Whether this shard labels the input named <paramref name="inputName"/>.</summary>
    public bool Owns(string inputName) => Count == 1 || (int)(StableHash(inputName) % (ulong)Count) == Index;

    /// <summary>A hash of the name that is the same on every machine and every run (string.GetHashCode is not).</summary>
    public static ulong StableHash(string inputName) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(inputName)));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static ShardSpec Checked(int index, int count, string source)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new FormatException($"{source}: the shard index must be in 0..{Math.Max(count, 1) - 1} and the count at least 1.");
        }

        return new ShardSpec(index, count);
    }

    private static int ParseVariable(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)
            ? parsed
            : throw new FormatException($"{name}='{value}' is not a whole number.");
}
