using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Usage;

/// <summary>
/// An app's usage on the bank API, under the developer's path (<c>v1/apps/{clientId}/usage…</c>), called as the
/// signed-in developer (or an administrator): someone else's app answers NotFound. An interface so pages can be
/// tested without HTTP.
/// </summary>
public interface IUsageClient
{
    /// <param name="range"><c>1h</c>, <c>24h</c> or <c>30d</c>.</param>
    /// <param name="groupBy"><c>endpoint</c>, <c>status</c> or <c>endpoint,status</c>.</param>
    Task<ApiResult<UsageReport>> GetAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default);

    /// <summary>The same usage as the API's CSV file (one row per bucket and group).</summary>
    Task<ApiResult<string>> ExportCsvAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default);

    /// <summary>Every app's totals over the range (<c>v1/admin/usage</c>): administrators only, Forbidden otherwise.</summary>
    Task<ApiResult<UsageOverview>> GetOverviewAsync(string range, CancellationToken cancellationToken = default);
}
