using Microsoft.Extensions.Configuration;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// A limit in the shape GCRA enforces it: permits come back at <see cref="PermitsPerMinute"/>, smoothly (one every
/// <see cref="EmissionInterval"/>), and at most <see cref="Burst"/> can be spent at once. With the burst equal to the
/// rate (the default) that reads as "N a minute": a full budget of N, refilled within a minute.
/// </summary>
public sealed record RateLimitPolicy
{
    public RateLimitPolicy(string name, int permitsPerMinute, int burst)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Name = name;
        PermitsPerMinute = permitsPerMinute;
        Burst = burst;
    }

    /// <summary>What the policy is called where people read it: the tier (<c>Sandbox</c>) or the endpoint (<c>SignIn</c>).</summary>
    public string Name { get; }

    public int PermitsPerMinute { get; }

    public int Burst { get; }

    public double EmissionIntervalMicroseconds => 60_000_000d / PermitsPerMinute;

    public TimeSpan EmissionInterval => TimeSpan.FromMicroseconds(EmissionIntervalMicroseconds);

    /// <summary>How long an empty budget takes to fill again: <see cref="Burst"/> permits at the policy's rate.</summary>
    public TimeSpan Window => TimeSpan.FromMicroseconds(Burst * EmissionIntervalMicroseconds);

    /// <summary>
    /// <c>PermitsPerMinute</c> and <c>Burst</c> from a section such as <c>RateLimits:Tiers:Sandbox</c>; the burst
    /// defaults to the rate, so setting only the rate keeps "N a minute" true.
    /// </summary>
    public static RateLimitPolicy FromConfiguration(IConfiguration section, string name, int defaultPermitsPerMinute)
    {
        var permits = section.GetValue("PermitsPerMinute", defaultPermitsPerMinute);
        return new RateLimitPolicy(name, permits, section.GetValue("Burst", permits));
    }
}
