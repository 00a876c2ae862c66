namespace Wekeza.Banking.Sandbox;

/// <summary>
/// A sandbox app's test clock: how far ahead of real time the app has moved its sandbox. Consent expiry, held
/// settlements and webhook retries of that app are judged by real time plus <see cref="Offset"/>. No row means no
/// offset; a reset of the app's sandbox deletes the row.
/// </summary>
public sealed class SandboxClock
{
    /// <summary>The furthest an app may move its clock: far enough to outlive any consent (a year) with room to spare.</summary>
    public static readonly TimeSpan MaximumOffset = TimeSpan.FromDays(400);

    public required string ClientId { get; init; }

    public TimeSpan Offset { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset Now(DateTimeOffset realNow) => realNow + Offset;
}
