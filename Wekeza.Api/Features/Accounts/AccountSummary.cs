namespace Wekeza.Api.Features.Accounts;

/// <summary>An account as the list shows it. Identifiers are opaque; balances have their own endpoint.</summary>
public sealed record AccountSummary(string AccountId, string Currency, string AccountType, string? Nickname);
