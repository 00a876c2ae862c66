using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Apps;

/// <summary>The apps API over HTTP, with the signed-in developer's access token from the session store.</summary>
internal sealed class AppsClient(HttpClient http, CurrentSession session, ILogger<AppsClient> logger)
    : PlatformApiClient(http, session, logger), IAppsClient
{
    /// <summary>The client's name for IHttpClientFactory (and its resilience options).</summary>
    public const string HttpClientName = "apps-api";

    protected override string Unreachable => "We could not reach the apps service. Try again in a moment.";

    protected override string Forbidden(string? code) =>
        "Your account cannot manage apps: the developer area is for developer accounts.";

    public Task<ApiResult<IReadOnlyList<ApiScope>>> GetScopesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/apps/scopes", null, ReadDataAsync<ApiScope>, cancellationToken);

    public Task<ApiResult<IReadOnlyList<DeveloperApp>>> ListAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/apps", null, ReadDataAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<DeveloperApp>> GetAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AppPath(id), null, ReadAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<CreatedApp>> CreateAsync(CreateAppRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/apps", request, ReadAsync<CreatedApp>, cancellationToken);

    public Task<ApiResult<DeveloperApp>> UpdateAsync(string id, UpdateAppRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, AppPath(id), request, ReadAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<RotatedSecret>> RotateSecretAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AppPath(id) + "/secret", null, ReadAsync<RotatedSecret>, cancellationToken);

    public Task<ApiResult<Done>> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, AppPath(id), null, ReadNothingAsync, cancellationToken);

    private static string AppPath(string id) => "v1/apps/" + Uri.EscapeDataString(id);
}
