namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>The budget a request spends from: its partition's key (<c>api:app:sbx_…</c>, <c>auth:token:203.0.113.7</c>) and policy.</summary>
public readonly record struct RateLimitTarget(string Key, RateLimitPolicy Policy);
