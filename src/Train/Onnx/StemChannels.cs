namespace LiveClassify.Train.Onnx;

/// <summary>
/// Reverses the colour channels a stem convolution reads (RGB to BGR and back). Reordering the weights instead of the
/// pixels costs nothing at run time.
/// </summary>
internal static class StemChannels
{
    /// <param name="weight">Weights of shape [out, 3, kh, kw], row-major.</param>
    /// <param name="shape">That shape.</param>
    public static float[] Reversed(float[] weight, long[] shape)
    {
        if (shape is not [var outputs, 3, var height, var width])
        {
            throw new ArgumentException($"A stem convolution reads 3 colour channels; this one has weight shape [{string.Join(",", shape)}].", nameof(shape));
        }

        int plane = (int)(height * width);
        var reversed = new float[weight.Length];
        for (int o = 0; o < outputs; o++)
        {
            for (int c = 0; c < 3; c++)
            {
                Array.Copy(weight, ((o * 3) + c) * plane, reversed, ((o * 3) + (2 - c)) * plane, plane);
            }
        }

        return reversed;
    }
}
