using LiveClassify.Tests.Support;
using LiveClassify.Train.Data;

namespace LiveClassify.Tests.Train.Training;

/// <summary>
/// Class-folder datasets cut from Fashion-MNIST's test file once per test class, all of three easy classes (Trouser,
/// Sandal, Bag): 40 training images per class with a disjoint 20 per class held out, and 12 per class for the quick
/// mechanics tests.
/// </summary>
public sealed class FashionMnistFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public FashionMnistFixture()
    {
        if (!FashionMnist.IsInstalled())
        {
            return;
        }

        var set = FashionMnist.Read(test: true);
        int[] classes = [1, 5, 8];
        FashionMnist.WriteClassFolders(set, Train, perClass: 40, classes: classes);
        FashionMnist.WriteClassFolders(set, HeldOut, perClass: 20, classes: classes, skipPerClass: 40);
        FashionMnist.WriteClassFolders(set, Small, perClass: 12, classes: classes);
    }

    public string Train => _folder.Combine("train");

    public string HeldOut => _folder.Combine("held-out");

    public string Small => _folder.Combine("small");

    public void Dispose() => _folder.Dispose();
}
