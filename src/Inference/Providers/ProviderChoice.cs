namespace LiveClassify.Inference.Providers;

/// <summary>The execution provider a session runs on and why it was chosen.</summary>
/// <param name="Requested">What was asked for.</param>
/// <param name="IsCuda">Whether the session runs on CUDA (else on CPU).</param>
/// <param name="Description">
/// One line for logs and <c>doctor</c>, the provider and the reason, for example
/// "CPU (CUDA provider not in this build: built with -p:Accelerator=cpu)".
/// </param>
public sealed record ProviderChoice(ProviderPreference Requested, bool IsCuda, string Description)
{
    /// <summary>"CUDA" or "CPU".</summary>
    public string Name => IsCuda ? "CUDA" : "CPU";

    /// <inheritdoc />
    public override string ToString() => Description;
}
