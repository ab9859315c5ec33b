namespace LiveClassify.Capture.Pumping;

/// <summary>A change in a <see cref="CapturePump"/>'s state, with a one-line message for a user.</summary>
/// <param name="State">The new state.</param>
/// <param name="Message">What happened, naming the source.</param>
/// <param name="Attempt">For <see cref="CaptureState.Reconnecting"/>, which attempt this is (from 1); else 0.</param>
public sealed record CaptureStatus(CaptureState State, string Message, int Attempt = 0);
