using Wekeza.Portal.Apps;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Console;

/// <summary>Finds the developer's app the console is for, by the app's id (as the app's page links) or its client id.</summary>
public static class ConsoleApps
{
    public static async Task<ApiResult<DeveloperApp>> FindAsync(IAppsClient apps, string id, CancellationToken cancellationToken = default)
    {
        if (!id.StartsWith("sbx_", StringComparison.Ordinal) && !id.StartsWith("live_", StringComparison.Ordinal))
        {
            return await apps.GetAsync(id, cancellationToken);
        }

        // The apps API looks apps up by their own id only; the developer's list says which of theirs has this client id.
        return await apps.ListAsync(cancellationToken) switch
        {
            ApiResult<IReadOnlyList<DeveloperApp>>.Success(var list) => list.FirstOrDefault(app => app.ClientId == id) is { } app
                ? new ApiResult<DeveloperApp>.Success(app)
                : new ApiResult<DeveloperApp>.NotFound(),
            ApiResult<IReadOnlyList<DeveloperApp>>.Failed(var message) => new ApiResult<DeveloperApp>.Failed(message),
            ApiResult<IReadOnlyList<DeveloperApp>>.SignInRequired => new ApiResult<DeveloperApp>.SignInRequired(),
            _ => new ApiResult<DeveloperApp>.NotFound(),
        };
    }
}
