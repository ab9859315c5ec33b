using LiveClassify.Core.Labels;
using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Train.Onnx;

/// <summary>What <see cref="OnnxExporter"/> needs besides the model.</summary>
/// <param name="TrainingPreprocess">The float32 NCHW preprocessing the model was trained with; the exported graph applies its
/// normalisation itself.</param>
/// <param name="Labels">Class names in output order (two for a single sigmoid unit).</param>
/// <param name="FrameOrder">Channel order of the exported graph's uint8 input. BGR, the default, is the live loop's frame
/// order, so frames go in with no reordering.</param>
/// <param name="TrainingJson">The training configuration as JSON (<see cref="Core.Models.ModelMetadataKeys.Training"/>), or null.</param>
/// <param name="DatasetJson">The dataset fingerprint as JSON (<see cref="Core.Models.ModelMetadataKeys.Dataset"/>), or null.</param>
/// <param name="MetricsJson">The metrics as JSON (<see cref="Core.Models.ModelMetadataKeys.Metrics"/>), or null.</param>
public sealed record OnnxExportOptions(
    PreprocessSpec TrainingPreprocess,
    LabelMap Labels,
    ColorOrder FrameOrder = ColorOrder.Bgr,
    string? TrainingJson = null,
    string? DatasetJson = null,
    string? MetricsJson = null);
