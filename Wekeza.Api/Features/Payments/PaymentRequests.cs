using System.Text.Json;

namespace Wekeza.Api.Features.Payments;

/// <summary>An amount and its currency. <c>amount</c> is a decimal string ("1500.00"); a JSON number is read exactly, never through a float.</summary>
public sealed record InstructedAmountRequest(JsonElement? Amount, string? Currency);

public sealed record CreditorAccountRequest(string? SchemeName, string? Identification);

/// <summary>The payment a consent allows, and that the payment repeats exactly.</summary>
public sealed record InitiationRequest(
    InstructedAmountRequest? InstructedAmount,
    CreditorAccountRequest? CreditorAccount,
    string? CreditorName,
    string? Reference,
    string? DebtorAccountId);

public sealed record CreatePaymentConsentRequest(InitiationRequest? Initiation, DateTimeOffset? ExpiresAt);

public sealed record CreatePaymentRequest(string? ConsentId, InitiationRequest? Initiation);
