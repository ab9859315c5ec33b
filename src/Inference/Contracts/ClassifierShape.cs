using System.Globalization;
using LiveClassify.Core.Preprocessing;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace LiveClassify.Inference.Contracts;

/// <summary>
/// What makes a model an image classifier LiveClassify can feed: one 4-D float32 or uint8 image input with three
/// channels, one [N,classes] float32 output, and a batch dimension that is free or 1.
/// </summary>
internal static class ClassifierShape
{
    public static void RequireClassifier(string modelPath, ModelSignature signature)
    {
        if (signature.Inputs.Count != 1)
        {
            throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                $"not an image classifier: it has {signature.Inputs.Count} inputs ({Join(signature.Inputs, "input")}); expected one image tensor"));
        }

        var input = signature.Inputs[0];
        if (!input.IsTensor || input.Rank != 4)
        {
            throw ModelLoadException.For(modelPath,
                $"not an image classifier: {input.Describe("input")} is not a 4-D image tensor; expected [N,3,H,W] or [N,H,W,3]");
        }

        if (input.ElementType is not (OrtElementType.Float or OrtElementType.UInt8))
        {
            throw ModelLoadException.For(modelPath, $"{input.Describe("input")} has elements of type {input.TypeText}; expected float32 or uint8");
        }

        if (signature.Outputs.Count != 1)
        {
            throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                $"not a classifier: it has {signature.Outputs.Count} outputs ({Join(signature.Outputs, "output")}); expected one [N,classes] score tensor"));
        }

        var output = signature.Outputs[0];
        if (!output.IsTensor || output.Rank != 2)
        {
            throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                $"not a classifier: {output.Describe("output")} is {(output.IsTensor ? $"{output.Rank}-D" : "not a tensor")}; expected [N,classes] scores"));
        }

        if (output.ElementType != OrtElementType.Float)
        {
            throw ModelLoadException.For(modelPath, $"{output.Describe("output")} has elements of type {output.TypeText}; expected float32 scores");
        }

        foreach (var (tensor, role) in new[] { (input, "input"), (output, "output") })
        {
            if (tensor.Dimensions[0] > 1)
            {
                throw ModelLoadException.For(modelPath, string.Create(CultureInfo.InvariantCulture,
                    $"{tensor.Describe(role)} has a fixed batch of {tensor.Dimensions[0]}; expected 1 or a free batch dimension"));
            }
        }
    }

    public static TensorLayout? InferLayout(string modelPath, TensorSignature input)
    {
        bool nchw = input.Dimensions[1] == 3;
        bool nhwc = input.Dimensions[3] == 3;
        if (nchw)
        {
            // [N,3,H,3] is ambiguous; PyTorch exports (channels first) are the common case.
            return TensorLayout.Nchw;
        }

        if (nhwc)
        {
            return TensorLayout.Nhwc;
        }

        if (!input.IsFree(1) && !input.IsFree(3))
        {
            throw ModelLoadException.For(modelPath,
                $"not a colour image classifier: {input.Describe("input")} has no channel dimension of 3; expected [N,3,H,W] or [N,H,W,3]");
        }

        return null;
    }

    public static (int Width, int Height) SpatialDimensions(TensorSignature input, TensorLayout layout) => layout == TensorLayout.Nchw
        ? (input.Dimensions[3], input.Dimensions[2])
        : (input.Dimensions[2], input.Dimensions[1]);

    private static string Join(IEnumerable<TensorSignature> tensors, string role) =>
        string.Join(", ", tensors.Select(t => t.Describe(role)));
}
