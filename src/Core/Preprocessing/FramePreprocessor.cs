using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveClassify.Core.Frames;

namespace LiveClassify.Core.Preprocessing;

/// <summary>
/// Turns BGR frames into model input tensors according to a <see cref="PreprocessSpec"/>: resize (antialiased
/// bilinear) into the placement of the spec's resize mode, reorder colours, normalise, and write NCHW or NHWC, in one
/// pass per axis straight into the caller's buffer. Training, inference and evaluation all use this class, which is
/// what makes their preprocessing identical by construction.
/// </summary>
/// <remarks>
/// Not thread-safe: one instance per thread. Resampling tables (per output pixel: first source tap and weights, per
/// axis) and a one-row buffer are built on the first frame of each source size and reused, so a stream of same-sized
/// frames allocates nothing.
/// </remarks>
public sealed class FramePreprocessor
{
    private readonly int[] _sourceChannel = new int[3];
    private readonly float[] _multiplier = new float[3];
    private readonly float[] _offset = new float[3];
    private int _sourceWidth;
    private int _sourceHeight;
    private Placement _placement;
    private ResampleAxis? _xAxis;
    private ResampleAxis? _yAxis;
    private float[] _row = [];
    private int _xTaps;

    // The horizontal pass holds a pixel as lanes (b, g, r, unused); these say where each lane goes and how it scales.
    private readonly Vector128<float> _laneMultiplier;
    private readonly Vector128<float> _laneOffset;
    private readonly int _laneChannel0;
    private readonly int _laneChannel1;
    private readonly int _laneChannel2;

    /// <summary>Creates a preprocessor for one spec.</summary>
    public FramePreprocessor(PreprocessSpec spec)
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

        // Source channel s (b, g, r) lands in the tensor channel that reads it.
        _laneChannel0 = Array.IndexOf(_sourceChannel, 0);
        _laneChannel1 = Array.IndexOf(_sourceChannel, 1);
        _laneChannel2 = Array.IndexOf(_sourceChannel, 2);
        _laneMultiplier = Vector128.Create(_multiplier[_laneChannel0], _multiplier[_laneChannel1], _multiplier[_laneChannel2], 0f);
        _laneOffset = Vector128.Create(_offset[_laneChannel0], _offset[_laneChannel1], _offset[_laneChannel2], 0f);
    }

    /// <summary>The contract this instance applies.</summary>
    public PreprocessSpec Spec { get; }

    /// <summary>Where the last processed frame landed in the input.</summary>
    public Placement LastPlacement => _placement;

    /// <summary>Writes one image's float tensor (<see cref="PreprocessSpec.ElementsPerImage"/> values).</summary>
    public void Run(FrameBuffer frame, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Run(frame.Pixels, frame.Width, frame.Height, frame.Stride, destination);
    }

    /// <summary>Writes one image's uint8 tensor (<see cref="PreprocessSpec.ElementsPerImage"/> values).</summary>
    public void Run(FrameBuffer frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Run(frame.Pixels, frame.Width, frame.Height, frame.Stride, destination);
    }

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
        _xAxis = new ResampleAxis(_placement.DestinationWidth, _placement.SourceX, _placement.SourceWidth, width);
        _yAxis = new ResampleAxis(_placement.DestinationHeight, _placement.SourceY, _placement.SourceHeight, height);
        // The horizontal loop runs every pixel through the largest tap count any pixel has: the table's stride is
        // an upper bound up to two taps larger, and weights past a pixel's own count are zero.
        _xTaps = _xAxis.Count.Max();

        // Zero padding after the columns: the horizontal pass loads four lanes from a pixel's three and runs every
        // pixel through the full tap count, reading up to that many pixels past the last used column.
        _row = new float[((_xAxis.SourceEnd - _xAxis.SourceStart + _xAxis.TapsPerSample) * 3) + 1];
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
    /// One output row at a time: the vertical pass sums the row's source rows into <see cref="_row"/> (only the
    /// columns the horizontal taps read, 32 columns per AVX2 step), then the horizontal pass sums each output
    /// pixel's taps with one 4-lane multiply-add per tap (lanes b, g, r and one ignored) and writes the normalised
    /// values straight into the destination planes. The row buffer stays in L1 cache, which a whole intermediate image
    /// would not.
    /// </summary>
    private unsafe void Resample(ReadOnlySpan<byte> bgr, int stride, Span<float> floatOut, Span<byte> byteOut)
    {
        var xAxis = _xAxis!;
        var yAxis = _yAxis!;
        int columnStart = xAxis.SourceStart * 3;
        int columnCount = (xAxis.SourceEnd - xAxis.SourceStart) * 3;
        int height = _placement.DestinationHeight;
        int width = _placement.DestinationWidth;
        int plane = Spec.Width * Spec.Height;
        int taps = _xTaps;
        int tapStride = xAxis.TapsPerSample;

        fixed (byte* source = bgr)
        fixed (float* row = _row)
        fixed (float* yWeights = yAxis.Weights)
        fixed (float* xWeights = xAxis.Weights)
        fixed (int* xFirst = xAxis.First)
        fixed (float* floatBase = floatOut)
        fixed (byte* byteBase = byteOut)
        {
            for (int y = 0; y < height; y++)
            {
                int first = yAxis.First[y];
                SumRows(source + (first * (long)stride) + columnStart, stride, yAxis.Count[y], yWeights + (y * yAxis.TapsPerSample), row, columnCount);

                // Four output pixels at a time: four independent sums keep the multiply-add units busy instead of
                // waiting on one sum's latency. Every pixel runs the full tap count; weights past its own count are
                // zero (and the row buffer's padding is zero), which adds exactly nothing.
                int pixel = ((_placement.DestinationY + y) * Spec.Width) + _placement.DestinationX;
                int x = 0;
                for (; x + 4 <= width; x += 4)
                {
                    float* t0 = row + ((xFirst[x] - xAxis.SourceStart) * 3);
                    float* t1 = row + ((xFirst[x + 1] - xAxis.SourceStart) * 3);
                    float* t2 = row + ((xFirst[x + 2] - xAxis.SourceStart) * 3);
                    float* t3 = row + ((xFirst[x + 3] - xAxis.SourceStart) * 3);
                    float* w0 = xWeights + (x * tapStride);
                    var s0 = Vector128<float>.Zero;
                    var s1 = Vector128<float>.Zero;
                    var s2 = Vector128<float>.Zero;
                    var s3 = Vector128<float>.Zero;
                    for (int k = 0; k < taps; k++)
                    {
                        s0 += Vector128.Load(t0 + (k * 3)) * Vector128.Create(w0[k]);
                        s1 += Vector128.Load(t1 + (k * 3)) * Vector128.Create(w0[tapStride + k]);
                        s2 += Vector128.Load(t2 + (k * 3)) * Vector128.Create(w0[(2 * tapStride) + k]);
                        s3 += Vector128.Load(t3 + (k * 3)) * Vector128.Create(w0[(3 * tapStride) + k]);
                    }

                    Put(s0, pixel + x, floatBase, byteBase, plane);
                    Put(s1, pixel + x + 1, floatBase, byteBase, plane);
                    Put(s2, pixel + x + 2, floatBase, byteBase, plane);
                    Put(s3, pixel + x + 3, floatBase, byteBase, plane);
                }

                for (; x < width; x++)
                {
                    float* t0 = row + ((xFirst[x] - xAxis.SourceStart) * 3);
                    float* w0 = xWeights + (x * tapStride);
                    var s0 = Vector128<float>.Zero;
                    for (int k = 0; k < taps; k++)
                    {
                        s0 += Vector128.Load(t0 + (k * 3)) * Vector128.Create(w0[k]);
                    }

                    Put(s0, pixel + x, floatBase, byteBase, plane);
                }
            }
        }
    }

    /// <summary>Writes one pixel's (b, g, r, -) sum as normalised floats, or as rounded bytes when there is no float output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Put(Vector128<float> sum, int pixel, float* floatBase, byte* byteBase, int plane)
    {
        bool nchw = Spec.Layout == TensorLayout.Nchw;
        int step = nchw ? plane : 1;
        int at = nchw ? pixel : pixel * 3;
        if (floatBase != null)
        {
            // Lanes are b, g, r: scale and offset per source channel, then each lane to its tensor channel.
            var value = (sum * _laneMultiplier) + _laneOffset;
            floatBase[at + (_laneChannel0 * step)] = value.GetElement(0);
            floatBase[at + (_laneChannel1 * step)] = value.GetElement(1);
            floatBase[at + (_laneChannel2 * step)] = value.GetElement(2);
        }
        else
        {
            byteBase[at + (_laneChannel0 * step)] = ToByte(sum.GetElement(0));
            byteBase[at + (_laneChannel1 * step)] = ToByte(sum.GetElement(1));
            byteBase[at + (_laneChannel2 * step)] = ToByte(sum.GetElement(2));
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);

    /// <summary>row[i] = Σ weights[k] · source[k · stride + i] for i &lt; count.</summary>
    private static unsafe void SumRows(byte* source, int stride, int taps, float* weights, float* row, int count)
    {
        int i = 0;
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            // 32 columns a step in four independent sums, so the multiply-adds overlap instead of queueing on one.
            for (; i + 32 <= count; i += 32)
            {
                var sum0 = Vector256<float>.Zero;
                var sum1 = Vector256<float>.Zero;
                var sum2 = Vector256<float>.Zero;
                var sum3 = Vector256<float>.Zero;
                byte* column = source + i;
                for (int k = 0; k < taps; k++, column += stride)
                {
                    var weight = Vector256.Create(weights[k]);
                    sum0 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(column)), weight, sum0);
                    sum1 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(column + 8)), weight, sum1);
                    sum2 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(column + 16)), weight, sum2);
                    sum3 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(column + 24)), weight, sum3);
                }

                sum0.Store(row + i);
                sum1.Store(row + i + 8);
                sum2.Store(row + i + 16);
                sum3.Store(row + i + 24);
            }

            for (; i + 8 <= count; i += 8)
            {
                var sum = Vector256<float>.Zero;
                byte* column = source + i;
                for (int k = 0; k < taps; k++, column += stride)
                {
                    var pixels = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(column));
                    sum = Fma.MultiplyAdd(pixels, Vector256.Create(weights[k]), sum);
                }

                sum.Store(row + i);
            }
        }

        for (; i < count; i++)
        {
            float sum = 0;
            byte* column = source + i;
            for (int k = 0; k < taps; k++, column += stride)
            {
                sum += weights[k] * *column;
            }

            row[i] = sum;
        }
    }
}
