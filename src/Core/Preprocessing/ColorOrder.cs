namespace LiveClassify.Core.Preprocessing;

/// <summary>Channel order the model expects; frames arrive as BGR (OpenCV's order).</summary>
public enum ColorOrder
{
    /// <summary>Red, green, blue: torchvision, Keras tf/torch modes, Teachable Machine.</summary>
    Rgb,

    /// <summary>Blue, green, red: Keras caffe mode, OpenCV-trained models.</summary>
    Bgr,
}
