namespace LiveClassify.Train.Onnx;

/// <summary>
/// The normalisation a model exported by <see cref="OnnxExporter"/> runs before its first convolution, so that it takes
/// uint8 NHWC frames: Cast to float, Sub a mean, Mul by the inverse std, Transpose to NCHW. Values are per channel in the
/// frame's channel order, as they stand in the file.
/// </summary>
/// <param name="ImageTensor">The normalised NCHW float tensor the first convolution reads.</param>
/// <param name="Mean">Subtracted from each channel (0–255 units).</param>
/// <param name="InverseStd">Multiplies each channel after the mean is subtracted.</param>
internal sealed record FramePrefix(string ImageTensor, float[] Mean, float[] InverseStd);
