using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Consents;

/// <summary>The bank API's consent endpoints, called as the signed-in person.</summary>
public interface IConsentsClient
{
    /// <summary>The signed-in customer's consents, newest first.</summary>
    Task<ApiResult<IReadOnlyList<Consent>>> ListMineAsync(CancellationToken cancellationToken = default);

    /// <summary>One of the signed-in customer's consents, with its history; NotFound when it is not theirs.</summary>
    Task<ApiResult<Consent>> GetMineAsync(string consentId, CancellationToken cancellationToken = default);

    /// <summary>Ends the app's access; revoking a consent that is already over succeeds too.</summary>
    Task<ApiResult<Done>> RevokeMineAsync(string consentId, CancellationToken cancellationToken = default);

    /// <summary>An administrator's search across all customers: up to 50, newest first.</summary>
    Task<ApiResult<IReadOnlyList<Consent>>> LookUpAsync(ConsentLookup lookup, CancellationToken cancellationToken = default);

    /// <summary>Any consent with its full audit trail, for an administrator.</summary>
    Task<ApiResult<Consent>> GetAnyAsync(string consentId, CancellationToken cancellationToken = default);
}
