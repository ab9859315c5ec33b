using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;

namespace LiveClassify.Tests.Core.Models;

public sealed class PartialModelContractTests
{
    private static readonly PartialModelContract Full = new()
    {
        Width = 1,
        Height = 2,
        Resize = ResizeMode.Stretch,
        ColorOrder = ColorOrder.Bgr,
        Normalization = Normalization.Caffe,
        Layout = TensorLayout.Nhwc,
        ElementType = TensorElementType.UInt8,
        LetterboxFill = 3,
        Labels = ["x"],
        Output = OutputKind.Sigmoid,
    };

    [Fact]
    public void Later_sources_win_field_by_field()
    {
        var metadata = new PartialModelContract
        {
            Width = 224,
            Height = 224,
            Resize = ResizeMode.Crop,
            Normalization = Normalization.Torch,
            Labels = ["cat", "dog"],
            Output = OutputKind.Logits,
        };
        var flags = new PartialModelContract { Resize = ResizeMode.Letterbox, LetterboxFill = 114, Labels = ["a", "b"] };

        var merged = metadata.OverriddenBy(flags);

        Assert.Equal(224, merged.Width);
        Assert.Equal(224, merged.Height);
        Assert.Equal(ResizeMode.Letterbox, merged.Resize);
        Assert.Equal((byte)114, merged.LetterboxFill);
        Assert.Same(Normalization.Torch, merged.Normalization);
        Assert.Equal(["a", "b"], merged.Labels);
        Assert.Equal(OutputKind.Logits, merged.Output);
        Assert.Null(merged.ColorOrder);
    }

    [Fact]
    public void Every_field_can_be_overridden()
    {
        Assert.Equal(Full, PartialModelContract.Empty.OverriddenBy(Full));
        Assert.Equal(Full, Full.OverriddenBy(PartialModelContract.Empty));
        Assert.Equal(Full, Full.OverriddenBy(null));
    }
}
