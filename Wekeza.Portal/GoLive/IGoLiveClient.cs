using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.GoLive;

/// <summary>Auth's going-live API, called as the signed-in developer or administrator.</summary>
public interface IGoLiveClient
{
    /// <returns>NotFound when the app has no production request yet (or is not the developer's).</returns>
    Task<ApiResult<ProductionRequestResponse>> GetRequestAsync(string appId, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequestResponse>> SaveDraftAsync(string appId, ProductionRequestFields fields, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequestResponse>> SubmitAsync(string appId, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<ProductionRequestSummary>>> ListRequestsAsync(string? state, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequestResponse>> GetAnyRequestAsync(string requestId, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequestResponse>> ApproveAsync(string requestId, string? note, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequestResponse>> RejectAsync(string requestId, string note, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<AdminAppSummary>>> ListAppsAsync(CancellationToken cancellationToken = default);
}
