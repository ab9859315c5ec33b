using System.Diagnostics;
using System.Globalization;
using LiveClassify.Render.Frames;
using LiveClassify.Render.Overlay;
using LiveClassify.Render.Windowing;
using Silk.NET.OpenGL;

namespace LiveClassify.Tests.Render.Benchmarks;

/// <summary>
/// Frame time of the render thread's per-tick work at 1280x720: upload a new frame, draw it and the full overlay,
/// and wait for the GPU (glFinish, so the figure is the real cost and not just command submission). Opt-in with
/// LIVECLASSIFY_BENCH=1; prints its figures.
/// </summary>
[Collection(OpenGLCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class RenderFrameTimeBenchmark(ITestOutputHelper output)
{
    private const int Width = 1280;
    private const int Height = 720;
    private const int Warmup = 30;
    private const int Frames = 300;

    [Fact]
    public void Upload_and_overlay_frame_time_at_1280x720()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LIVECLASSIFY_BENCH") == "1", "Benchmark: set LIVECLASSIFY_BENCH=1 to run it.");
        using var window = TestWindow.Open(Width, Height);
        using var texture = FrameTexture.Create(window.Context);
        using var overlay = OverlayRenderer.Create(window.Context);
        var gl = window.Gl;
        var frame = new byte[Width * Height * 3];
        new Random(1).NextBytes(frame);
        var model = FullModel();

        var uploadOnly = Measure(() =>
        {
            texture.Upload(frame, Width, Height);
            gl.Finish();
        });
        var clearOnly = Measure(() =>
        {
            Clear(gl);
            gl.Finish();
        });
        var drawFrameOnly = Measure(() =>
        {
            Clear(gl);
            texture.Draw(Width, Height);
            gl.Finish();
        });
        var overlayOnly = Measure(() =>
        {
            Clear(gl);
            overlay.Draw(model, Width, Height);
            gl.Finish();
        });
        var tick = Measure(() =>
        {
            frame[0]++;
            texture.Upload(frame, Width, Height);
            Clear(gl);
            texture.Draw(Width, Height);
            overlay.Draw(model, Width, Height);
            gl.Finish();
        });
        var tickWithSwap = Measure(() =>
        {
            frame[0]++;
            texture.Upload(frame, Width, Height);
            Clear(gl);
            texture.Draw(Width, Height);
            overlay.Draw(model, Width, Height);
            window.SwapBuffers();
        });

        output.WriteLine(
            $"renderer: {gl.GetStringS(StringName.Renderer)}; {Width}x{Height}, hidden window, vsync off; {Frames} frames after {Warmup} warm-up; " +
            $"wall median / p95, process CPU per frame; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Report("upload 1280x720 BGR (TexSubImage2D)", uploadOnly);
        Report("clear", clearOnly);
        Report("clear + draw frame (letterbox quad)", drawFrameOnly);
        Report("clear + draw overlay (5 top-k rows, figures, status, counts)", overlayOnly);
        Report("tick: upload + frame + overlay, glFinish", tick);
        Report("tick: upload + frame + overlay, SwapBuffers", tickWithSwap);
        Assert.True(Median(tick.Wall) > 0);
    }

    private static OverlayModel FullModel()
    {
        var model = new OverlayModel
        {
            Label = "Ankle boot",
            LabelScore = 0.91f,
            TopCount = OverlayModel.MaxTopK,
            CaptureFps = 30f,
            InferenceFps = 29.7f,
            InferenceMilliseconds = 3.4f,
            RenderFps = 60f,
            HasPrediction = true,
            PredictionAgeFrames = 1,
            PredictionAgeMilliseconds = 33f,
            ModelName = "mobilenetv2.onnx",
            Provider = "CPU",
            CaptureClassCount = 3,
        };
        string[] labels = ["Ankle boot", "Sneaker", "Sandal", "Bag", "Shirt"];
        for (int i = 0; i < labels.Length; i++)
        {
            model.SetTop(i, labels[i], 0.9f / (i + 1));
        }

        for (int i = 0; i < 3; i++)
        {
            model.SetCapture(i, labels[i], 10 * i);
        }

        model.ShowStatus("model reloaded: mobilenetv2.onnx", isError: false, TimeSpan.FromMinutes(10));
        return model;
    }

    /// <summary>Sorted wall-clock milliseconds per tick, and the process's CPU milliseconds per tick.</summary>
    /// <remarks>
    /// llvmpipe rasterises on worker threads of this process, so CPU time per tick is the rendering work itself and
    /// stays meaningful when other processes share the cores (wall time then includes waiting for a core).
    /// </remarks>
    private static (double[] Wall, double Cpu) Measure(Action tick)
    {
        for (int i = 0; i < Warmup; i++)
        {
            tick();
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var times = new double[Frames];
        for (int i = 0; i < Frames; i++)
        {
            long start = Stopwatch.GetTimestamp();
            tick();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Frames;
        Array.Sort(times);
        return (times, cpu);
    }

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    private static void Clear(GL gl)
    {
        gl.ClearColor(0f, 0f, 0f, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    private void Report(string what, (double[] Wall, double Cpu) times)
    {
        double median = Median(times.Wall);
        double p95 = times.Wall[(int)(times.Wall.Length * 0.95)];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what,-55} {median,7:F2} / {p95,7:F2} ms  ({1000 / median,5:F0} fps)  CPU {times.Cpu,6:F2} ms/frame"));
    }
}
