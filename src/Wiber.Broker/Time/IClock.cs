namespace Wiber.Broker.Time;

/// <summary>
/// The node's only source of time. Injected everywhere so that tests, the simulator and the lab's
/// deliberate skew all go through one seam.
/// </summary>
public interface IClock
{
    /// <summary>Wall-clock time as Unix milliseconds. May jump (NTP step, lab skew); never use it for timeouts.</summary>
    long UtcNowMs { get; }

    /// <summary>Monotonic time since an arbitrary start. Never goes backwards; use it for timeouts and ages.</summary>
    TimeSpan Elapsed { get; }
}
