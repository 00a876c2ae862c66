namespace Wekeza.Portal.Sandbox;

/// <summary>The app's sandbox time: real time plus <see cref="OffsetSeconds"/>, which only moves forward (and back to 0 on a reset).</summary>
public sealed record SandboxClock(DateTimeOffset Now, long OffsetSeconds);

/// <summary>The clock after a move, and what fell due by the new time and happened at once.</summary>
public sealed record SandboxClockAdvanced(DateTimeOffset Now, long OffsetSeconds, SandboxClockEffects Effects);

/// <summary>
/// What a move of the clock set off, for this app only: consents that expired, held settlements now due (the workers
/// settle them within seconds) and webhook retries sent now instead of later.
/// </summary>
public sealed record SandboxClockEffects(int ConsentsExpired, int SettlementsDue, int WebhookRetriesDue);

public sealed record AdvanceSandboxClockRequest(long Seconds);
