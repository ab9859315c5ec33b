namespace LiveClassify.Train.Models;

/// <summary>The files a pull left in the models folder.</summary>
/// <param name="ModelPath">The verified ONNX file.</param>
/// <param name="LabelsPath">The verified labels file.</param>
/// <param name="SidecarPath">The contract written beside the model (<c>model.onnx.json</c>).</param>
/// <param name="Downloaded">Whether anything was transferred (false when both files were already there and correct).</param>
public sealed record PulledModel(string ModelPath, string LabelsPath, string SidecarPath, bool Downloaded);
