namespace LiveClassify.Train.Onnx;

/// <summary>The single linear layer (Gemm, or MatMul + Add) that maps pooled features to a file's output.</summary>
/// <param name="Weight">[Classes, Features], row-major (PyTorch's Linear layout).</param>
/// <param name="Bias">[Classes].</param>
/// <param name="Classes">Output units.</param>
/// <param name="Features">Input features (the pooled width).</param>
internal sealed record LinearHeadValues(float[] Weight, float[] Bias, int Classes, int Features);
