namespace LiveClassify.Core.Preprocessing;

/// <summary>How a frame of any aspect ratio is fitted to the model's input size.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis independently to fill the input; the aspect ratio is not kept (Keras's default).</summary>
    Stretch,

    /// <summary>Scale the shorter side to fit, then cut the centre (torchvision's Resize + CenterCrop).</summary>
    Crop,

    /// <summary>Scale the longer side to fit and pad the rest with a fill colour; nothing is cut or distorted.</summary>
    Letterbox,
}
