namespace LiveClassify.Core.Preprocessing;

/// <summary>Memory order of the model's input tensor.</summary>
public enum TensorLayout
{
    /// <summary>Batch, channel, height, width: PyTorch exports.</summary>
    Nchw,

    /// <summary>Batch, height, width, channel: TensorFlow exports and the frame's own order.</summary>
    Nhwc,
}
