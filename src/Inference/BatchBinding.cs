using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Inference;

/// <summary>
/// The input and output tensors of one batch size, created once over the classifier's pinned arrays and bound to the
/// session, so a run is one native call with no managed allocation.
/// </summary>
internal sealed class BatchBinding : IDisposable
{
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    private BatchBinding(OrtValue input, OrtValue output, OrtIoBinding binding)
    {
        _input = input;
        _output = output;
        _binding = binding;
    }

    /// <summary>Creates the tensors over the first elements of the arrays and binds them; the caller owns the result.</summary>
    public static BatchBinding Create<TInput>(
        InferenceSession session, string inputName, TInput[] inputs, long[] inputShape, string outputName, float[] outputs, long[] outputShape)
        where TInput : unmanaged
    {
        OrtValue? input = null;
        OrtValue? output = null;
        OrtIoBinding? binding = null;
        try
        {
            input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputs.AsMemory(0, Elements(inputShape)), inputShape);
            output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, outputs.AsMemory(0, Elements(outputShape)), outputShape);
            binding = session.CreateIoBinding();
            binding.BindInput(inputName, input);
            binding.BindOutput(outputName, output);
            var created = new BatchBinding(input, output, binding);
            input = null;
            output = null;
            binding = null;
            return created;
        }
        finally
        {
            binding?.Dispose();
            output?.Dispose();
            input?.Dispose();
        }
    }

    /// <summary>Runs the session on the bound tensors.</summary>
    public void Run(InferenceSession session, RunOptions runOptions) => session.RunWithBinding(runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _output.Dispose();
        _input.Dispose();
    }

    private static int Elements(long[] shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            count *= dimension;
        }

        return checked((int)count);
    }
}
