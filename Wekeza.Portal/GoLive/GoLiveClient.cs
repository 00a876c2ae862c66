using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.GoLive;

internal sealed class GoLiveClient(HttpClient http, CurrentSession session, ILogger<GoLiveClient> logger)
    : PlatformApiClient(http, session, logger), IGoLiveClient
{
    public const string HttpClientName = "golive-api";

    /// <summary>What an admin sees when they try to decide on their own app's request.</summary>
    public const string OwnAppMessage = "You own this app, so you cannot approve or reject its production request. Ask another administrator.";

    protected override string Unreachable => "We could not reach the apps service. Try again in a moment.";

    protected override string Forbidden(string? code) => code switch
    {
        "cannot_review_own_app" => OwnAppMessage,
        _ => "Only administrators can review production requests.",
    };

    public Task<ApiResult<ProductionRequestResponse>> GetRequestAsync(string appId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, RequestPath(appId), null, ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<ProductionRequestResponse>> SaveDraftAsync(string appId, ProductionRequestFields fields, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, RequestPath(appId), fields, ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<ProductionRequestResponse>> SubmitAsync(string appId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, RequestPath(appId) + "/submit", null, ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<IReadOnlyList<ProductionRequestSummary>>> ListRequestsAsync(string? state, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/admin/production-requests" + (state is null ? "" : "?state=" + Uri.EscapeDataString(state)), null,
            ReadDataAsync<ProductionRequestSummary>, cancellationToken);

    public Task<ApiResult<ProductionRequestResponse>> GetAnyRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AdminPath(requestId), null, ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<ProductionRequestResponse>> ApproveAsync(string requestId, string? note, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AdminPath(requestId) + "/approve", new DecisionRequest(note), ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<ProductionRequestResponse>> RejectAsync(string requestId, string note, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AdminPath(requestId) + "/reject", new DecisionRequest(note), ReadAsync<ProductionRequestResponse>, cancellationToken);

    public Task<ApiResult<IReadOnlyList<AdminAppSummary>>> ListAppsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/admin/apps", null, ReadDataAsync<AdminAppSummary>, cancellationToken);

    private static string RequestPath(string appId) => $"v1/apps/{Uri.EscapeDataString(appId)}/production-request";

    private static string AdminPath(string requestId) => "v1/admin/production-requests/" + Uri.EscapeDataString(requestId);
}
