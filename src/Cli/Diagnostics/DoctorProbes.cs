using LiveClassify.Capture.Diagnostics;
using LiveClassify.Inference.Diagnostics;
using LiveClassify.Render.Diagnostics;
using LiveClassify.Train.Diagnostics;

namespace LiveClassify.Cli.Diagnostics;

/// <summary>The stacks `liveclassify doctor` reports, in the order it shows them.</summary>
public static class DoctorProbes
{
    /// <summary>Every part's probe. A part that adds a native stack adds its probe here.</summary>
    public static IReadOnlyList<DoctorProbe> All { get; } =
    [
        new(SystemProbe.Name, SystemProbe.Run),
        new(CaptureProbe.Name, CaptureProbe.Run),
        new(InferenceProbe.Name, InferenceProbe.Run),
        new(RenderProbe.Name, RenderProbe.Run),
        new(TorchProbe.Name, TorchProbe.Run),
    ];
}
