using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.GoLive;

/// <summary>The API's readiness report on a sandbox app (<c>GET {api}/v1/apps/{clientId}/readiness</c>), for admins.</summary>
public interface IReadinessClient
{
    /// <returns>NotFound when the API has no report for it (or does not offer readiness reports).</returns>
    Task<ApiResult<AppReadiness>> GetAsync(string sandboxClientId, CancellationToken cancellationToken = default);
}

internal sealed class ReadinessClient(HttpClient http, Account.Sessions.CurrentSession session, ILogger<ReadinessClient> logger)
    : PlatformApiClient(http, session, logger), IReadinessClient
{
    public const string HttpClientName = "readiness-api";

    protected override string Unreachable => "We could not reach the API for the app's readiness report. Try again in a moment.";

    protected override string Forbidden(string? code) => "Only administrators can read an app's readiness report.";

    public Task<ApiResult<AppReadiness>> GetAsync(string sandboxClientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/apps/{Uri.EscapeDataString(sandboxClientId)}/readiness", null, ReadAsync<AppReadiness>, cancellationToken);
}
