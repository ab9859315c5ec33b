using TorchSharp;
using static TorchSharp.torch;

namespace LiveClassify.Train.Training;

/// <summary>A copy of a module's parameters and buffers (BatchNorm statistics), for restoring the best epoch.</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _copies = [];

    public WeightSnapshot(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in module.state_dict())
        {
            var copy = value.detach().clone();
            copy.DetachFromDisposeScope();
            _copies[name] = copy;
        }
    }

    public void Restore(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in module.state_dict())
        {
            value.copy_(_copies[name]);
        }
    }

    public void Dispose()
    {
        foreach (var copy in _copies.Values)
        {
            copy.Dispose();
        }

        _copies.Clear();
    }
}
