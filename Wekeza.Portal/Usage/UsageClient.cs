using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Usage;

/// <summary>The bank API's usage figures over HTTP, with the signed-in developer's access token from the session store.</summary>
internal sealed class UsageClient(HttpClient http, CurrentSession session, ILogger<UsageClient> logger)
    : PlatformApiClient(http, session, logger), IUsageClient
{
    public const string HttpClientName = "usage-api";

    protected override string Unreachable => "We could not reach the usage service. Try again in a moment.";

    protected override string Forbidden(string? code) => "Your session does not allow reading usage. Sign out and sign in again.";

    public Task<ApiResult<UsageReport>> GetAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, UsagePath(clientId, "usage", range, groupBy), null, ReadAsync<UsageReport>, cancellationToken);

    public Task<ApiResult<string>> ExportCsvAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, UsagePath(clientId, "usage.csv", range, groupBy), null,
            static (content, cancel) => content.ReadAsStringAsync(cancel), cancellationToken);

    public Task<ApiResult<UsageOverview>> GetOverviewAsync(string range, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/admin/usage?range={Uri.EscapeDataString(range)}", null, ReadAsync<UsageOverview>, cancellationToken);

    private static string UsagePath(string clientId, string resource, string range, string groupBy) =>
        $"v1/apps/{Uri.EscapeDataString(clientId)}/{resource}?range={Uri.EscapeDataString(range)}&groupBy={Uri.EscapeDataString(groupBy)}";
}
