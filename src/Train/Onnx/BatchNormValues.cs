namespace LiveClassify.Train.Onnx;

/// <summary>The parameters of one ONNX <c>BatchNormalization</c> node, per output channel.</summary>
internal sealed record BatchNormValues(float[] Scale, float[] Bias, float[] Mean, float[] Variance, float Epsilon)
{
    /// <summary>
    /// Folds the normalisation into the convolution before it: <c>w' = w·s</c>, <c>b' = (b - mean)·s + bias</c> with
    /// <c>s = scale / sqrt(var + eps)</c>. Computed in double so folding adds no error of its own.
    /// </summary>
    public (float[] Weight, float[] Bias) Fold(float[] weight, float[]? convBias)
    {
        int channels = Scale.Length;
        int perChannel = weight.Length / channels;
        var folded = new float[weight.Length];
        var bias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = Scale[c] / Math.Sqrt(Variance[c] + (double)Epsilon);
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
            {
                folded[i] = (float)(weight[i] * s);
            }

            bias[c] = (float)((((convBias?[c]) ?? 0.0) - Mean[c]) * s + Bias[c]);
        }

        return (folded, bias);
    }
}
