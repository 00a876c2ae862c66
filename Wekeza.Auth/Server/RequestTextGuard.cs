using System.Text.Json;
using Wekeza.ServiceDefaults;

namespace Wekeza.Auth.Server;

/// <summary>
/// A query or form value carrying U+0000 is refused before OpenIddict, the sign-in pages or the apps API read it: no
/// parameter takes one, and OpenIddict passed it on to PostgreSQL (whose text cannot hold it) as a 500. The protocol
/// endpoints answer in OAuth's format (<c>invalid_request</c>, RFC 6749 §5.2), everything else with problem+json.
/// </summary>
internal static class RequestTextGuard
{
    public static WebApplication UseRequestTextGuard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (await NulParameterAsync(context.Request) is { } name)
            {
                var description = $"The parameter '{name.Replace('\0', '?')}' is not valid: {StorableText.NulMessage}";
                if (context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "application/json;charset=UTF-8";
                    await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["error"] = "invalid_request",
                        ["error_description"] = description,
                    }), context.RequestAborted);
                }
                else
                {
                    await ProblemCatalog.InvalidRequest.WriteAsync(context, description);
                }

                return;
            }

            await next(context);
        });
        return app;
    }

    private static async Task<string?> NulParameterAsync(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (StorableText.HasNul(name) || values.Any(StorableText.HasNul))
            {
                return name;
            }
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        // Buffered by the framework: OpenIddict and the pages read this same form afterwards.
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.FirstOrDefault(field => StorableText.HasNul(field.Key) || field.Value.Any(StorableText.HasNul)).Key;
    }
}
