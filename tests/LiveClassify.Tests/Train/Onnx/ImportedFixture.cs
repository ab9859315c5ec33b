using LiveClassify.Tests.Support;
using LiveClassify.Train.Model;
using LiveClassify.Train.Onnx;

namespace LiveClassify.Tests.Train.Onnx;

/// <summary>A network with a torchvision fixture's weights imported (and verified), in evaluation mode.</summary>
internal static class ImportedFixture
{
    /// <param name="fixture">A file in the fixtures folder, e.g. "mobilenetv2_w035_c10_bn.onnx".</param>
    /// <param name="head">The head to build; the file's is loaded when it fits.</param>
    /// <param name="report">What the import loaded.</param>
    public static MobileNetV2Classifier Open(string fixture, HeadSpec head, out OnnxImportReport report)
    {
        var source = OnnxImporter.Read(TestData.Fixture(fixture));
        var model = new MobileNetV2Classifier(source.Architecture, head);
        try
        {
            report = OnnxImporter.Import(source, model);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="Open(string, HeadSpec, out OnnxImportReport)"/>
    public static MobileNetV2Classifier Open(string fixture, HeadSpec head) => Open(fixture, head, out _);
}
