using System.Numerics;
using System.Runtime.InteropServices;
using LiveClassify.Core.Preprocessing;

namespace LiveClassify.Tests.Core.Preprocessing;

/// <summary>
/// The original straightforward implementation of <c>FramePreprocessor</c> (a vertical pass into a float buffer, then
/// a horizontal pass per output pixel), kept as the slow reference for the equivalence tests of the optimised one.
/// </summary>
internal sealed class ReferencePreprocessor
{
    private readonly int[] _sourceChannel = new int[3];
    private readonly float[] _multiplier = new float[3];
    private readonly float[] _offset = new float[3];
    private int _sourceWidth;
    private int _sourceHeight;
    private Placement _placement;
    private ReferenceResampleAxis? _xAxis;
    private ReferenceResampleAxis? _yAxis;
    private float[] _columns = [];
    private float[] _row = [];

    /// <summary>Creates a preprocessor for one spec.</summary>
    public ReferencePreprocessor(PreprocessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec.Validated();
        for (int c = 0; c < 3; c++)
        {
            // Frames are BGR: tensor channel c reads source channel c for BGR models and 2 - c for RGB models.
            _sourceChannel[c] = spec.ColorOrder == ColorOrder.Bgr ? c : 2 - c;
            _multiplier[c] = 1f / spec.Normalization.Std[c];
            _offset[c] = -spec.Normalization.Mean[c] / spec.Normalization.Std[c];
        }
    }

    /// <summary>The contract this instance applies.</summary>
    public PreprocessSpec Spec { get; }

    /// <summary>Writes one image's float tensor from BGR rows with any stride.</summary>
    public void Run(ReadOnlySpan<byte> bgr, int width, int height, int stride, Span<float> destination)
    {
        RequireFloat();
        Prepare(bgr, width, height, stride, destination.Length);
        WriteFill(destination);
        Resample(bgr, stride, destination, default);
    }

    /// <summary>Writes one image's uint8 tensor from BGR rows with any stride.</summary>
    public void Run(ReadOnlySpan<byte> bgr, int width, int height, int stride, Span<byte> destination)
    {
        if (Spec.ElementType != TensorElementType.UInt8)
        {
            throw new InvalidOperationException($"The spec's tensor is {Spec.ElementType}, not uint8.");
        }

        Prepare(bgr, width, height, stride, destination.Length);
        WriteFill(destination);
        Resample(bgr, stride, default, destination);
    }

    private void RequireFloat()
    {
        if (Spec.ElementType != TensorElementType.Float32)
        {
            throw new InvalidOperationException($"The spec's tensor is {Spec.ElementType}, not float32.");
        }
    }

    private void Prepare(ReadOnlySpan<byte> bgr, int width, int height, int stride, int destinationLength)
    {
        if (width <= 0 || height <= 0 || stride < width * 3 || bgr.Length < ((long)stride * (height - 1)) + (width * 3))
        {
            throw new ArgumentException($"A {width}x{height} BGR image with stride {stride} does not fit {bgr.Length} bytes.");
        }

        if (destinationLength != Spec.ElementsPerImage)
        {
            throw new ArgumentException($"The destination holds {destinationLength} values; one {Spec.Width}x{Spec.Height}x3 image needs {Spec.ElementsPerImage}.");
        }

        if (width == _sourceWidth && height == _sourceHeight)
        {
            return;
        }

        _placement = Placement.Compute(Spec, width, height);
        _xAxis = new ReferenceResampleAxis(_placement.DestinationWidth, _placement.SourceX, _placement.SourceWidth, width);
        _yAxis = new ReferenceResampleAxis(_placement.DestinationHeight, _placement.SourceY, _placement.SourceHeight, height);
        int columns = (_xAxis.SourceEnd - _xAxis.SourceStart) * 3;
        _columns = new float[_placement.DestinationHeight * columns];
        _row = new float[columns];
        _sourceWidth = width;
        _sourceHeight = height;
    }

    private void WriteFill(Span<float> destination)
    {
        if (Spec.Resize != ResizeMode.Letterbox)
        {
            return;
        }

        for (int c = 0; c < 3; c++)
        {
            float value = (Spec.LetterboxFill * _multiplier[c]) + _offset[c];
            ForEachPaddingPixel(c, destination, value);
        }
    }

    private void WriteFill(Span<byte> destination)
    {
        if (Spec.Resize == ResizeMode.Letterbox)
        {
            destination.Fill(Spec.LetterboxFill);
        }
    }

    private void ForEachPaddingPixel(int channel, Span<float> destination, float value)
    {
        // Padding is simply everything; the resampled content overwrites its own rectangle afterwards.
        int plane = Spec.Width * Spec.Height;
        if (Spec.Layout == TensorLayout.Nchw)
        {
            destination.Slice(channel * plane, plane).Fill(value);
        }
        else
        {
            for (int i = channel; i < destination.Length; i += 3)
            {
                destination[i] = value;
            }
        }
    }

    /// <summary>
    /// Vertical pass first (contiguous rows, vectorised) into <see cref="_columns"/>, then the horizontal pass with
    /// colour reordering, normalisation and layout folded into the final write.
    /// </summary>
    private void Resample(ReadOnlySpan<byte> bgr, int stride, Span<float> floatOut, Span<byte> byteOut)
    {
        var xAxis = _xAxis!;
        var yAxis = _yAxis!;
        int columnStart = xAxis.SourceStart * 3;
        int columnCount = (xAxis.SourceEnd - xAxis.SourceStart) * 3;
        int height = _placement.DestinationHeight;
        int width = _placement.DestinationWidth;
        var columns = _columns.AsSpan();
        var row = _row.AsSpan();

        for (int y = 0; y < height; y++)
        {
            var accumulated = columns.Slice(y * columnCount, columnCount);
            accumulated.Clear();
            int first = yAxis.First[y];
            int taps = yAxis.Count[y];
            for (int k = 0; k < taps; k++)
            {
                float weight = yAxis.Weights[(y * yAxis.TapsPerSample) + k];
                var source = bgr.Slice(((first + k) * stride) + columnStart, columnCount);
                WidenToFloat(source, row);
                AddScaled(row, weight, accumulated);
            }
        }

        for (int y = 0; y < height; y++)
        {
            var accumulated = columns.Slice(y * columnCount, columnCount);
            int outputY = _placement.DestinationY + y;
            for (int x = 0; x < width; x++)
            {
                int first = (xAxis.First[x] - xAxis.SourceStart) * 3;
                int taps = xAxis.Count[x];
                int weightBase = x * xAxis.TapsPerSample;
                float b = 0, g = 0, r = 0;
                for (int k = 0; k < taps; k++)
                {
                    float weight = xAxis.Weights[weightBase + k];
                    int at = first + (k * 3);
                    b += weight * accumulated[at];
                    g += weight * accumulated[at + 1];
                    r += weight * accumulated[at + 2];
                }

                Write(floatOut, byteOut, outputY, _placement.DestinationX + x, b, g, r);
            }
        }
    }

    private void Write(Span<float> floatOut, Span<byte> byteOut, int y, int x, float b, float g, float r)
    {
        for (int c = 0; c < 3; c++)
        {
            int source = _sourceChannel[c];
            float value = source == 0 ? b : source == 1 ? g : r;
            int index = Spec.Layout == TensorLayout.Nchw
                ? (c * Spec.Width * Spec.Height) + (y * Spec.Width) + x
                : (((y * Spec.Width) + x) * 3) + c;
            if (floatOut.IsEmpty)
            {
                byteOut[index] = (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
            }
            else
            {
                floatOut[index] = (value * _multiplier[c]) + _offset[c];
            }
        }
    }

    private static void WidenToFloat(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static void AddScaled(ReadOnlySpan<float> source, float weight, Span<float> accumulator)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sourceVectors = MemoryMarshal.Cast<float, Vector<float>>(source);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            var scale = new Vector<float>(weight);
            for (int v = 0; v < sourceVectors.Length; v++)
            {
                accumulatorVectors[v] += sourceVectors[v] * scale;
            }

            i = sourceVectors.Length * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            accumulator[i] += source[i] * weight;
        }
    }
}
