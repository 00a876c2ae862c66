namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// One acquisition's outcome, with what the caller is told about it: the permits left, when the budget is full again,
/// and (when refused) when to retry. <see cref="IsShared"/> is false when Redis could not be asked and this replica
/// decided alone.
/// </summary>
public readonly record struct RateLimitDecision(bool IsAllowed, int Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter, bool IsShared);
