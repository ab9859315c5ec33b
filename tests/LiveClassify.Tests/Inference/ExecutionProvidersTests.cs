using LiveClassify.Inference.Providers;
using Microsoft.ML.OnnxRuntime;

namespace LiveClassify.Tests.Inference;

public sealed class ExecutionProvidersTests
{
    [Theory]
    [InlineData("auto", ProviderPreference.Auto)]
    [InlineData("CPU", ProviderPreference.Cpu)]
    [InlineData(" cuda ", ProviderPreference.Cuda)]
    public void Parse_accepts_the_three_names(string text, ProviderPreference expected) =>
        Assert.Equal(expected, ExecutionProviders.Parse(text));

    [Fact]
    public void Parse_rejects_other_names_and_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ExecutionProviders.Parse("tensorrt"));
        Assert.Contains("auto, cpu or cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_is_always_available()
    {
        Assert.Contains("CPUExecutionProvider", ExecutionProviders.Available());
        var choice = ExecutionProviders.Probe(ProviderPreference.Cpu);
        Assert.False(choice.IsCuda);
        Assert.Equal("CPU (requested)", choice.Description);
    }

    [Fact]
    public void Auto_without_cuda_falls_back_to_cpu_and_says_why()
    {
        RequireNoCuda();
        var choice = ExecutionProviders.Probe(ProviderPreference.Auto);
        Assert.False(choice.IsCuda);
        Assert.StartsWith("CPU (CUDA provider not in ", choice.Description, StringComparison.Ordinal);
        if (ExecutionProviders.BuildAccelerator == "cpu")
        {
            Assert.Equal("CPU (CUDA provider not in this build: built with -p:Accelerator=cpu)", choice.Description);
        }
    }

    [Fact]
    public void Cuda_required_without_cuda_is_an_error_with_the_reason()
    {
        RequireNoCuda();
        var e = Assert.Throws<ExecutionProviderException>(() => ExecutionProviders.Probe(ProviderPreference.Cuda));
        Assert.StartsWith("--provider cuda cannot be used: CUDA provider not in ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_cuda_chooses_cuda()
    {
        if (!ExecutionProviders.Available().Contains(ExecutionProviders.CudaProviderName))
        {
            Assert.Skip("This ONNX Runtime has no CUDA provider (CPU build or no CUDA libraries).");
        }

        var choice = ExecutionProviders.Probe(ProviderPreference.Auto);
        Assert.True(choice.IsCuda, choice.Description);
    }

    [Fact]
    public void Configure_leaves_session_options_usable_for_cpu()
    {
        using var options = new SessionOptions();
        var choice = ExecutionProviders.Configure(options, ProviderPreference.Cpu);
        Assert.Equal("CPU", choice.Name);
    }

    private static void RequireNoCuda()
    {
        if (ExecutionProviders.Available().Contains(ExecutionProviders.CudaProviderName))
        {
            Assert.Skip("This machine's ONNX Runtime has the CUDA provider.");
        }
    }
}
