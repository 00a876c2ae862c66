using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// A body whose <c>Content-Type</c> names a charset no decoder knows (<c>application/json; charset=klingon</c>) is
/// refused as 415 <c>unsupported_media_type</c> before anything reads it: the framework's JSON and form readers throw
/// on it, which answered a 500.
/// </summary>
internal static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharsets(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset is { Length: > 0 } charset && !IsKnown(charset.Value!))
        {
            await ProblemCatalog.UnsupportedMediaType.WriteAsync(context, $"The charset '{charset}' is not one this service reads: send UTF-8.");
            return;
        }

        await next(context);
    });

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
