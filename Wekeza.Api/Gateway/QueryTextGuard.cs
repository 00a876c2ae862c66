using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway;

/// <summary>
/// A query parameter carrying U+0000 (<c>%00</c>) is refused as <c>invalid_request</c> naming it: no parameter takes
/// one, and passed on to a filter it reached PostgreSQL, whose text cannot hold it, as a 500. (In the path, the HTTP
/// server itself refuses it; in a JSON body, <see cref="StorableText.Converter"/> does.)
/// </summary>
internal static class QueryTextGuard
{
    public static WebApplication UseQueryTextGuard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (StorableText.HasNul(name) || values.Any(StorableText.HasNul))
                {
                    await ProblemCatalog.InvalidRequest.WriteAsync(context, $"The query parameter '{name.Replace('\0', '?')}' is not valid: {StorableText.NulMessage}",
                        [new("parameter", name.Replace('\0', '?'))]);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }
}
