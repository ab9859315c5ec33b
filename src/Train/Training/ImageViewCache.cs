using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>
/// Preprocessed image tensors of whole augmented views, kept in memory after the first epoch that loads them, so later
/// epochs using the same view skip reading, decoding and preprocessing (Keras's <c>dataset.cache()</c>). The views
/// are a fixed set drawn before training, so a cached view is exactly what loading again would give. Only as many
/// views as fit in the memory budget are cached; the others load from disk every time.
/// </summary>
/// <remarks>Owns its tensors, on the CPU whatever the training device. Use from the training thread.</remarks>
internal sealed class ImageViewCache : IDisposable
{
    private readonly Tensor?[] _views;
    private readonly bool[] _complete;
    private readonly long[] _shape;
    private readonly long _bytesPerView;

    /// <param name="views">Views of the image set.</param>
    /// <param name="images">Images per view.</param>
    /// <param name="imageShape">One preprocessed image: [3, H, W].</param>
    /// <param name="budgetBytes">Most memory the cached views may take.</param>
    public ImageViewCache(int views, int images, long[] imageShape, long budgetBytes)
    {
        _shape = [images, .. imageShape];
        _bytesPerView = _shape.Aggregate((long)sizeof(float), (product, dim) => product * dim);
        CachedViews = _bytesPerView == 0 ? 0 : (int)Math.Clamp(budgetBytes / _bytesPerView, 0, views);
        _views = new Tensor?[CachedViews];
        _complete = new bool[CachedViews];
    }

    /// <summary>How many of the views (the first ones) are cached.</summary>
    public int CachedViews { get; }

    /// <summary>Memory the cached views take once filled.</summary>
    public long CachedBytes => CachedViews * _bytesPerView;

    /// <summary>The batch of <paramref name="indices"/> in <paramref name="view"/> on <paramref name="device"/>, or null when that view is not (yet) cached.</summary>
    public Tensor? Read(int view, IReadOnlyList<int> indices, Device device) =>
        view < CachedViews && _complete[view] ? _views[view]!.index_select(0, Rows(indices)).to(device) : null;

    /// <summary>Keeps a batch just loaded for <paramref name="view"/>; a no-op for views that are not cached.</summary>
    public void Write(int view, IReadOnlyList<int> indices, Tensor batch)
    {
        if (view >= CachedViews || _complete[view])
        {
            return;
        }

        if (_views[view] is null)
        {
            var storage = empty(_shape, ScalarType.Float32);
            storage.DetachFromDisposeScope(); // The cache outlives the batch's scope.
            _views[view] = storage;
        }

        _views[view]!.index_copy_(0, Rows(indices), batch.cpu());
    }

    /// <summary>
    /// Marks <paramref name="view"/> usable once a pass has written every one of its images (a whole epoch, not one
    /// stopped part-way).
    /// </summary>
    public void Complete(int view)
    {
        if (view < CachedViews && _views[view] is not null)
        {
            _complete[view] = true;
        }
    }

    public void Dispose()
    {
        foreach (var view in _views)
        {
            view?.Dispose();
        }
    }

    private static Tensor Rows(IReadOnlyList<int> indices)
    {
        var rows = new long[indices.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = indices[i];
        }

        return tensor(rows);
    }
}
