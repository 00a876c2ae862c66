using Wekeza.Portal.Platform;

namespace Wekeza.Portal.GoLive;

/// <summary>Auth's going-live API, called as the signed-in developer or administrator.</summary>
public interface IGoLiveClient
{
    /// <returns>NotFound when the app has no production request yet (or is not the developer's).</returns>
    Task<ApiResult<ProductionRequest>> GetRequestAsync(string appId, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequest>> SaveDraftAsync(string appId, ProductionRequestFields fields, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequest>> SubmitAsync(string appId, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<ProductionRequestSummary>>> ListRequestsAsync(string? state, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequest>> GetAnyRequestAsync(string requestId, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequest>> ApproveAsync(string requestId, string? note, CancellationToken cancellationToken = default);

    Task<ApiResult<ProductionRequest>> RejectAsync(string requestId, string note, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<AdminApp>>> ListAppsAsync(CancellationToken cancellationToken = default);
}
