using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// A service reads at most <c>Gateway:MaxRequestBodyBytes</c> (1 MiB by default, docs/api-guide.md "Conventions") of a
/// request body (the API and the auth server use it): a declared <c>Content-Length</c> over it is refused before a byte is read, and a chunked body that
/// grows past it is cut off by the server (its exception becomes the same 413 in <see cref="ProblemDetailsDefaults"/>).
/// </summary>
public static class RequestBodyLimit
{
    public const string Setting = "Gateway:MaxRequestBodyBytes";
    public const long DefaultBytes = 1024 * 1024;

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var limit = app.Configuration.GetValue<long?>(Setting) ?? DefaultBytes;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                await ProblemCatalog.PayloadTooLarge.WriteAsync(context, string.Create(CultureInfo.InvariantCulture,
                    $"The body is {context.Request.ContentLength:N0} bytes; this service reads at most {limit:N0}."));
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context);
        });
        return app;
    }
}
