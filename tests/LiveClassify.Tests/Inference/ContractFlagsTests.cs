using LiveClassify.Core.Preprocessing;
using LiveClassify.Inference.Contracts;

namespace LiveClassify.Tests.Inference;

public sealed class ContractFlagsTests
{
    [Fact]
    public void No_flags_set_nothing()
    {
        var partial = new ContractFlags().ToOverrides();
        Assert.Null(partial.Width);
        Assert.Null(partial.Normalization);
        Assert.Null(partial.ColorOrder);
        Assert.Null(partial.Resize);
        Assert.Null(partial.Labels);
    }

    [Theory]
    [InlineData("224", 224, 224)]
    [InlineData("320x240", 320, 240)]
    [InlineData(" 96X64 ", 96, 64)]
    public void Size_is_N_or_W_by_H(string text, int width, int height)
    {
        var partial = new ContractFlags { Size = text }.ToOverrides();
        Assert.Equal(width, partial.Width);
        Assert.Equal(height, partial.Height);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("224x")]
    [InlineData("-3")]
    [InlineData("99999")]
    [InlineData("1x2x3")]
    public void Bad_sizes_are_refused_naming_the_flag(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractFlags { Size = text }.ToOverrides());
        Assert.StartsWith($"--size '{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preset_sets_its_colour_order()
    {
        var caffe = new ContractFlags { Preprocess = "caffe" }.ToOverrides();
        Assert.Same(Normalization.Caffe, caffe.Normalization);
        Assert.Equal(ColorOrder.Bgr, caffe.ColorOrder);
        var torch = new ContractFlags { Preprocess = "Torch" }.ToOverrides();
        Assert.Same(Normalization.Torch, torch.Normalization);
        Assert.Equal(ColorOrder.Rgb, torch.ColorOrder);
    }

    [Fact]
    public void Mean_and_std_are_in_unit_scale()
    {
        var partial = new ContractFlags { Mean = "0.5", Std = "0.25,0.5,1" }.ToOverrides();
        Assert.Equal("custom", partial.Normalization!.Preset);
        Assert.Equal(ChannelValues.All(127.5f), partial.Normalization.Mean);
        Assert.Equal(new ChannelValues(63.75f, 127.5f, 255f), partial.Normalization.Std);
        Assert.Null(partial.ColorOrder);
    }

    [Theory]
    [InlineData("tf", "0.5", null, "Give either --preprocess or --mean with --std")]
    [InlineData(null, "0.5", null, "--mean and --std go together")]
    [InlineData(null, "0.5", "0,1,1", "--mean/--std: std must be positive")]
    [InlineData(null, "a,b,c", "1", "--mean/--std: 'a,b,c' is not a list of numbers")]
    [InlineData("keras", null, null, "--preprocess: Unknown preprocessing preset 'keras'")]
    public void Bad_normalization_flags_are_refused(string? preset, string? mean, string? std, string start)
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractFlags { Preprocess = preset, Mean = mean, Std = std }.ToOverrides());
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stretch", ResizeMode.Stretch)]
    [InlineData("CROP", ResizeMode.Crop)]
    [InlineData("letterbox", ResizeMode.Letterbox)]
    public void Resize_modes_parse(string text, ResizeMode expected) =>
        Assert.Equal(expected, new ContractFlags { Resize = text }.ToOverrides().Resize);

    [Fact]
    public void An_unknown_resize_mode_is_refused() =>
        Assert.StartsWith(
            "--resize 'fit' is not known",
            Assert.Throws<ArgumentException>(() => new ContractFlags { Resize = "fit" }.ToOverrides()).Message,
            StringComparison.Ordinal);
}
