using System.Security.Cryptography;
using System.Text;
using LiveClassify.Core.Models;
using LiveClassify.Core.Preprocessing;
using LiveClassify.Core.Scoring;
using LiveClassify.Tests.Support;
using LiveClassify.Train.Models;

namespace LiveClassify.Tests.Train.Models;

public sealed class ModelPullerTests
{
    [Fact]
    public async Task A_pull_leaves_model_labels_and_a_sidecar_contract_with_unique_labels()
    {
        using var server = new LocalHttpServer();
        using var folder = new TempFolder();
        using var http = new HttpClient();
        byte[] model = await File.ReadAllBytesAsync(TestData.Fixture("mobilenetv2_w035_c10_folded.onnx"), TestContext.Current.CancellationToken);
        byte[] labels = Encoding.UTF8.GetBytes("tench\ncrane\nmaillot\ncrane\nmaillot\n");
        var entry = ModelCatalog.MobileNetV2 with
        {
            ModelUrl = server.Serve("/zoo/mobilenetv2-12.onnx", model),
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(model)),
            ModelBytes = model.Length,
            LabelsUrl = server.Serve("/hub/imagenet_classes.txt", labels),
            LabelsSha256 = Convert.ToHexStringLower(SHA256.HashData(labels)),
        };

        var pulled = await ModelPuller.PullAsync(new ModelDownloader(http), entry, folder.Combine("models"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(pulled.Downloaded);
        Assert.Equal(folder.Combine("models", "mobilenetv2-12.onnx"), pulled.ModelPath);
        Assert.Equal(model, await File.ReadAllBytesAsync(pulled.ModelPath, TestContext.Current.CancellationToken));
        Assert.Equal(pulled.ModelPath + ".json", pulled.SidecarPath);
        var contract = ModelContractJson.Read(await File.ReadAllTextAsync(pulled.SidecarPath, TestContext.Current.CancellationToken), pulled.SidecarPath);
        Assert.Equal(["tench", "crane", "maillot", "crane (3)", "maillot (4)"], contract.Labels);
        Assert.Equal(224, contract.Width);
        Assert.Equal(ResizeMode.Crop, contract.Resize);
        Assert.Equal(ColorOrder.Rgb, contract.ColorOrder);
        Assert.Equal(Normalization.Torch, contract.Normalization);
        Assert.Equal(TensorLayout.Nchw, contract.Layout);
        Assert.Equal(OutputKind.Logits, contract.Output);
    }

    [Fact]
    public void The_catalog_finds_mobilenetv2_by_name_and_lists_names_otherwise()
    {
        Assert.Same(ModelCatalog.MobileNetV2, ModelCatalog.Find(" MobileNetV2 "));
        Assert.Equal("mobilenetv2-12.onnx", ModelCatalog.MobileNetV2.ModelFileName);

        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Find("resnet"));

        Assert.Contains("available are mobilenetv2", error.Message, StringComparison.Ordinal);
    }
}
