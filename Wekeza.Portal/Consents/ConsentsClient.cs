using Microsoft.AspNetCore.Http.Extensions;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Consents;

/// <summary>The bank API's consent endpoints over HTTP, with the signed-in person's access token from the session store.</summary>
internal sealed class ConsentsClient(HttpClient http, CurrentSession session, ILogger<ConsentsClient> logger)
    : PlatformApiClient(http, session, logger), IConsentsClient
{
    /// <summary>The client's name for IHttpClientFactory (and its resilience options).</summary>
    public const string HttpClientName = "consents-api";

    /// <summary>The API's problem code for a lookup by someone who is not an administrator.</summary>
    public const string AdminRequiredCode = "admin_required";

    protected override string Unreachable => "We could not reach the bank's consent service. Try again in a moment.";

    // Without a code the token lacks the consents scope: a session that began before the portal asked for it.
    protected override string Forbidden(string? code) => code == AdminRequiredCode
        ? "Consent lookup is for administrators, and your account is not one."
        : "Your session does not allow managing consents. Sign out and sign in again.";

    public Task<ApiResult<IReadOnlyList<Consent>>> ListMineAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/me/consents", null, ReadDataAsync<Consent>, cancellationToken);

    public Task<ApiResult<Consent>> GetMineAsync(string consentId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, MinePath(consentId), null, ReadAsync<Consent>, cancellationToken);

    public Task<ApiResult<Done>> RevokeMineAsync(string consentId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, MinePath(consentId), null, ReadNothingAsync, cancellationToken);

    public Task<ApiResult<IReadOnlyList<Consent>>> LookUpAsync(ConsentLookup lookup, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/admin/consents" + LookupQuery(lookup), null, ReadDataAsync<Consent>, cancellationToken);

    public Task<ApiResult<Consent>> GetAnyAsync(string consentId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/admin/consents/" + Uri.EscapeDataString(consentId), null, ReadAsync<Consent>, cancellationToken);

    private static string MinePath(string consentId) => "v1/me/consents/" + Uri.EscapeDataString(consentId);

    // Only the filters given, trimmed and escaped.
    private static string LookupQuery(ConsentLookup lookup)
    {
        var query = new QueryBuilder();
        AddFilter(query, "consentId", lookup.ConsentId);
        AddFilter(query, "clientId", lookup.ClientId);
        AddFilter(query, "customerSubject", lookup.CustomerSubject);
        return query.ToString();
    }

    private static void AddFilter(QueryBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add(name, value.Trim());
        }
    }
}
