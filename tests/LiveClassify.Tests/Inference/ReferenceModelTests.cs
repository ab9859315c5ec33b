using LiveClassify.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Tests.Inference;

/// <summary>
/// ONNX Runtime itself, with no LiveClassify code in between: torchvision's MobileNetV2 exports run on this machine's
/// native library and give PyTorch's stored outputs (TestData/fixtures/README.md).
/// </summary>
public sealed class ReferenceModelTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", "mobilenetv2_w035_c10_ref", 96, "0")]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", "mobilenetv2_w035_c10_ref", 96, "1")]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", "mobilenetv2_w035_c10_ref", 96, "2")]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", "mobilenetv2_w035_c10_ref", 96, "3")]
    [InlineData("mobilenetv2_w035_c10_folded.onnx", "mobilenetv2_w035_c10_ref", 96, "batch4")]
    [InlineData("mobilenetv2_w035_c10_bn.onnx", "mobilenetv2_w035_c10_ref", 96, "0")]
    [InlineData("mobilenetv2_w035_c10_bn.onnx", "mobilenetv2_w035_c10_ref", 96, "batch4")]
    [InlineData("mobilenetv2_w100_c10_folded.onnx", "mobilenetv2_w100_c10_ref", 224, "2")]
    [InlineData("mobilenetv2_w100_c10_folded.onnx", "mobilenetv2_w100_c10_ref", 224, "batch4")]
    public void A_session_reproduces_the_stored_outputs(string model, string references, int size, string reference)
    {
        float[] input = TestData.ReadFloats(TestData.Fixture(Path.Combine(references, $"input_{reference}.bin")));
        float[] expected = TestData.ReadFloats(TestData.Fixture(Path.Combine(references, $"output_{reference}.bin")));
        long batch = input.Length / (3L * size * size);
        Assert.Equal(batch * 3 * size * size, input.Length);
        Assert.Equal(batch * 10, expected.Length);

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(TestData.Fixture(model), options);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [batch, 3, size, size]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [inputValue], ["output"]);

        var actual = outputs[0].GetTensorDataAsSpan<float>();
        Assert.Equal([batch, 10], outputs[0].GetTensorTypeAndShape().Shape);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }

        Assert.True(worst <= Tolerance, $"{model} on input_{reference}: largest difference {worst:g3} exceeds {Tolerance:g1}.");
    }
}
