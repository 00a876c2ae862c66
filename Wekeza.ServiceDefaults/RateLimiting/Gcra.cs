namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// The generic cell rate algorithm, as the in-process fallback runs it; <see cref="RedisGcra"/> runs the same steps in
/// Lua. The whole state of a partition is one number, its theoretical arrival time (TAT): the moment the budget would be
/// full again. A request costs one emission interval; it is refused if that would push the TAT more than a full
/// burst's worth of intervals past now. Times are microseconds on one clock.
/// </summary>
internal static class Gcra
{
    // Intervals are fractional (60e6 / 7000 µs); a hair of slack keeps k*T/T from flooring to k-1.
    private const double Epsilon = 1e-6;

    public static (RateLimitDecision Decision, double Tat) Decide(double tat, double now, RateLimitPolicy policy, int permits, bool shared)
    {
        var interval = policy.EmissionIntervalMicroseconds;
        var capacity = policy.Burst * interval;
        tat = Math.Max(tat, now);
        var newTat = tat + permits * interval;
        var allowAt = newTat - capacity;
        if (allowAt > now)
        {
            return (new RateLimitDecision(false, Remaining(capacity, tat - now, interval), Micro(tat - now), Micro(allowAt - now), shared), tat);
        }

        return (new RateLimitDecision(true, Remaining(capacity, newTat - now, interval), Micro(newTat - now), TimeSpan.Zero, shared), newTat);
    }

    private static int Remaining(double capacity, double used, double interval) =>
        (int)Math.Max(0, Math.Floor((capacity - used) / interval + Epsilon));

    private static TimeSpan Micro(double microseconds) => TimeSpan.FromMicroseconds(Math.Ceiling(microseconds));
}
