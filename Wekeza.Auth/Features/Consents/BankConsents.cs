using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wekeza.Consents;

namespace Wekeza.Auth.Features.Consents;

/// <summary>A shared account as the consent screen lists it.</summary>
public sealed record ConsentAccount(string AccountId, string Name, string Currency, string AccountType, string MaskedNumber);

/// <summary>
/// The one payment a payment consent allows, as the bank describes it. The amount stays the decimal string the bank
/// sent: the screen shows it, never does arithmetic on it.
/// </summary>
public sealed record ConsentPayment(
    string Amount,
    string Currency,
    string CreditorScheme,
    string CreditorIdentification,
    string CreditorName,
    string Reference,
    string? DebtorAccountId);

/// <summary>
/// The consent as the bank API describes it to the consent screen, with the customer's accounts to pick from (for a
/// payment, only those it may leave from). <see cref="Kind"/> defaults to account access because a bank that predates
/// payment consents does not send it.
/// </summary>
public sealed record ConsentScreenData(
    string ConsentId,
    string ClientId,
    string Status,
    IReadOnlyList<string> Permissions,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    IReadOnlyList<ConsentAccount> Accounts,
    string Kind = ConsentKinds.AccountAccess,
    ConsentPayment? Payment = null);

/// <summary>The bank's answer to a decision: done, or refused with the API's code and reason (nothing changed).</summary>
public sealed record ConsentDecisionResult(bool Succeeded, string? Code = null, string? Message = null);

public interface IBankConsents
{
    /// <summary>The consent, or null when the bank has no consent with that id.</summary>
    Task<ConsentScreenData?> GetAsync(string consentId, string customerSubject, CancellationToken cancellationToken);

    Task<ConsentDecisionResult> AuthoriseAsync(string consentId, string customerSubject, IReadOnlyList<string> accountIds, string appName,
        string authorizationId, string? address, CancellationToken cancellationToken);

    Task<ConsentDecisionResult> RejectAsync(string consentId, string customerSubject, string appName, string? address, CancellationToken cancellationToken);
}

/// <summary>The bank API's <c>/internal/consents</c> endpoints, called with auth's service token.</summary>
internal sealed class BankConsents(HttpClient http, ServiceToken token) : IBankConsents
{
    public const string HttpClientName = "bank-consents";

    public async Task<ConsentScreenData?> GetAsync(string consentId, string customerSubject, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get,
            $"internal/consents/{Uri.EscapeDataString(consentId)}?customerSubject={Uri.EscapeDataString(customerSubject)}", null, cancellationToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ConsentScreenData>(JsonSerializerOptions.Web, cancellationToken);
    }

    public Task<ConsentDecisionResult> AuthoriseAsync(string consentId, string customerSubject, IReadOnlyList<string> accountIds, string appName,
        string authorizationId, string? address, CancellationToken cancellationToken) =>
        DecideAsync($"internal/consents/{Uri.EscapeDataString(consentId)}/authorisation",
            new { customerSubject, accountIds, appName, authorizationId, address }, cancellationToken);

    public Task<ConsentDecisionResult> RejectAsync(string consentId, string customerSubject, string appName, string? address, CancellationToken cancellationToken) =>
        DecideAsync($"internal/consents/{Uri.EscapeDataString(consentId)}/rejection", new { customerSubject, appName, address }, cancellationToken);

    private async Task<ConsentDecisionResult> DecideAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Post, path, body, cancellationToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ConsentDecisionResult(true);
        }

        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return new ConsentDecisionResult(false,
                problem.TryGetProperty("code", out var code) ? code.GetString() : null,
                FieldMessages(problem) ?? (problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null));
        }

        response.EnsureSuccessStatusCode();
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>A validation problem's field messages (what the customer needs to read), joined.</summary>
    private static string? FieldMessages(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? string.Join(" ", errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(message => message.GetString())))
            : null;

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(cancellationToken));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        }

        return request;
    }
}
