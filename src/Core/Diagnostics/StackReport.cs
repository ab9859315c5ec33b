namespace LiveClassify.Core.Diagnostics;

/// <summary>
/// What one native stack (OpenCV, ONNX Runtime, OpenGL, libtorch, the system itself) can do on this machine, as
/// `liveclassify doctor` shows it. Each part probes its own stack and returns one of these, so the host lists the
/// parts without knowing their internals.
/// </summary>
/// <param name="Name">Short name shown as the section title, for example "ONNX Runtime".</param>
/// <param name="Required">Whether LiveClassify cannot run its main jobs without this stack.</param>
/// <param name="Working">Whether the probe found the stack loaded and usable.</param>
/// <param name="Facts">Ordered key/value lines: versions, backends, devices, providers. Keys are unique within a
/// report (they become the keys of a JSON object).</param>
/// <param name="Problem">When not working: one line naming the cause and, where known, the fix.</param>
public sealed record StackReport(
    string Name,
    bool Required,
    bool Working,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    string? Problem = null)
{
    /// <summary>Whether this report should make `doctor` exit non-zero.</summary>
    public bool IsBlocking => Required && !Working;
}
