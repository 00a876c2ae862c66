namespace Wekeza.Portal.Tests;

/// <summary>A clock the test moves by hand. Timers (Task.Delay) still run on real time.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
