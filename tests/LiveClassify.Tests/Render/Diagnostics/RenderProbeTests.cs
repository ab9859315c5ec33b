using LiveClassify.Render.Diagnostics;

namespace LiveClassify.Tests.Render.Diagnostics;

[Collection(OpenGLCollection.Name)]
public sealed class RenderProbeTests
{
    [Fact]
    public void Without_a_display_OpenGL_is_not_required_and_the_report_says_how_to_run_headless()
    {
        var report = RenderProbe.Run(display: null);

        Assert.False(report.Required);
        Assert.False(report.Working);
        Assert.False(report.IsBlocking);
        Assert.Contains(report.Facts, fact => fact.Key == "display" && fact.Value == "none (headless)");
        Assert.Contains("xvfb-run", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_display_the_report_names_the_gl_driver()
    {
        using (TestWindow.Open())
        {
            // Only to skip without a display; the probe opens its own window.
        }

        var report = RenderProbe.Run();

        Assert.Equal(RenderProbe.Name, report.Name);
        Assert.True(report.Working, report.Problem);
        Assert.True(report.Required);
        var facts = report.Facts.ToDictionary(fact => fact.Key, fact => fact.Value);
        Assert.False(string.IsNullOrWhiteSpace(facts["renderer"]));
        Assert.Matches(@"^\d+\.\d+", facts["version"]);
        Assert.StartsWith("3.3", facts["GLFW"], StringComparison.Ordinal);
    }
}
