using System.Diagnostics.CodeAnalysis;
using LiveClassify.Capture.Synthetic;
using LiveClassify.Core.Frames;

namespace LiveClassify.Capture.Sources;

/// <summary>A generated pattern: deterministic pictures with timestamps <c>index / fps</c>, endless unless limited.</summary>
internal sealed class SyntheticSource : FrameSourceBase
{
    public SyntheticSource(SourceSpec spec)
        : base(spec)
    {
        Width = spec.Width;
        Height = spec.Height;
        NominalFps = spec.Fps;
    }

    public override long? ExpectedFrameCount => Spec.FrameLimit;

    protected override bool ReadCore(FramePool pool, long index, [NotNullWhen(true)] out FrameBuffer? frame)
    {
        if (index >= Spec.FrameLimit)
        {
            EndOfStream = true;
            frame = null;
            return false;
        }

        frame = pool.Rent(Width, Height);
        var pixels = frame.Pixels;
        switch (Spec.Pattern)
        {
            case SyntheticPattern.ColorBars:
                TestPatterns.PaintColorBars(pixels, Width, Height);
                break;
            case SyntheticPattern.Counter:
                CounterCode.Paint(pixels, Width, Height, index);
                break;
            default:
                TestPatterns.PaintMovingShapes(pixels, Width, Height, index);
                break;
        }

        frame.Timestamp = TimeSpan.FromSeconds(index / NominalFps);
        return true;
    }

    protected override void DisposeCore()
    {
    }
}
