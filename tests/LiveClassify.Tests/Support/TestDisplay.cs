namespace LiveClassify.Tests.Support;

/// <summary>Tests that open a window (the live loop, a session, the demo) need an X display; scripts/test runs Xvfb.</summary>
internal static class TestDisplay
{
    /// <summary>Whether DISPLAY names a display to open windows on.</summary>
    public static bool Available => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));

    /// <summary>Skips the calling test when there is no display.</summary>
    public static void Require() =>
        Assert.SkipUnless(Available, "No DISPLAY: run the tests under xvfb-run -a -s \"-screen 0 1920x1080x24\".");
}
