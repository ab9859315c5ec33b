using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Tests.Train;

/// <summary>libtorch loads in this process (through the build's patched libLibTorchSharp.so) and really trains.</summary>
[Collection(LiveClassify.Tests.Train.TorchCollection.Name)]
public sealed class TorchSharpTrainingSmokeTests
{
    [Fact]
    public void Tiny_convolutional_net_lowers_its_loss_in_20_Adam_steps()
    {
        torch.random.manual_seed(7);
        using var model = nn.Sequential(
            ("conv", nn.Conv2d(1, 4, kernel_size: 3, padding: 1)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("linear", nn.Linear(4, 2)));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        using var labels = cat([zeros(16, dtype: int64), ones(16, dtype: int64)]);
        using var images = BrightAndDark(labels);

        float first = 0, last = 0;
        for (int step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(images), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(last < first * 0.5f, $"loss went from {first} to {last} in 20 steps");
    }

    /// <summary>Two classes a convolution can tell apart: noise around -1 for label 0, around +1 for label 1.</summary>
    private static Tensor BrightAndDark(Tensor labels)
    {
        using var scope = NewDisposeScope();
        return (randn(labels.shape[0], 1, 8, 8) + (labels.to(float32).view(-1, 1, 1, 1) * 2 - 1)).MoveToOuterDisposeScope();
    }
}
