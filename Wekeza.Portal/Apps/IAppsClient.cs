using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Apps;

/// <summary>The apps API on auth (<c>{issuer}v1/apps</c>), called as the signed-in developer.</summary>
public interface IAppsClient
{
    Task<ApiResult<IReadOnlyList<ApiScope>>> GetScopesAsync(CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<DeveloperApp>>> ListAsync(CancellationToken cancellationToken = default);

    Task<ApiResult<DeveloperApp>> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<ApiResult<CreatedApp>> CreateAsync(CreateAppRequest request, CancellationToken cancellationToken = default);

    Task<ApiResult<DeveloperApp>> UpdateAsync(string id, UpdateAppRequest request, CancellationToken cancellationToken = default);

    Task<ApiResult<RotatedSecret>> RotateSecretAsync(string id, CancellationToken cancellationToken = default);

    Task<ApiResult<Done>> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
