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
    /// <summary>
    /// The longest value a protocol parameter may have. The longest real ones (a client assertion, an id_token_hint)
    /// are a few KB; the authorization endpoint carries its whole request into the sign-in redirect, where 100 KB would
    /// make a response no client can read.
    /// </summary>
    public const int MaxProtocolValueLength = 8 * 1024;

    public static WebApplication UseRequestTextGuard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var protocol = context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase);
            var description = await NulParameterAsync(context.Request) is { } name
                ? name == "(form)"
                    ? $"The form is not valid: {StorableText.NulMessage}"
                    : $"The parameter '{name.Replace('\0', '?')}' is not valid: {StorableText.NulMessage}"
                : protocol && await OverlongParameterAsync(context.Request) is { } overlong
                    ? $"The parameter '{overlong}' is longer than {MaxProtocolValueLength:N0} characters."
                    : null;
            if (description is not null)
            {
                if (protocol)
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

    private static async Task<string?> OverlongParameterAsync(HttpRequest request)
    {
        var query = request.Query.FirstOrDefault(p => p.Value.Any(v => v?.Length > MaxProtocolValueLength)).Key;
        if (query is not null || !request.HasFormContentType)
        {
            return query;
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.FirstOrDefault(p => p.Value.Any(v => v?.Length > MaxProtocolValueLength)).Key;
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
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.FirstOrDefault(field => StorableText.HasNul(field.Key) || field.Value.Any(StorableText.HasNul)).Key;
        }
        catch (InvalidDataException)
        {
            // The form reader refuses an encoded NUL itself ("the form value contains invalid characters"); which
            // field it was in, it does not say.
            return "(form)";
        }
    }
}
