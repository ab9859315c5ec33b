using LiveClassify.Capture;
using LiveClassify.Cli;

// OpenCV and its FFmpeg print codec chatter to stderr; the commands report problems themselves, in one line each.
CaptureLogging.Quiet();
return await CliApp.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
