using System.Net;
using System.Text.RegularExpressions;
using Wekeza.ServiceDefaults.Tls;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>
/// A person's browser, reduced to what the sign-in pages need: cookies, following redirects one at a time (so a test
/// can stop at a client's redirect URI), and filling in a page's form with its antiforgery token.
/// </summary>
public sealed partial class Browser(PlatformFixture platform) : IDisposable
{
    private readonly HttpClient _http = new(CreateHandler(platform));

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url, Cancel);

    /// <summary>GETs <paramref name="url"/> and follows redirects until one leaves the platform or a page answers.</summary>
    public async Task<HttpResponseMessage> FollowAsync(string url, Func<Uri, bool>? stopAt = null)
    {
        var current = new Uri(url);
        for (var hops = 0; hops < 10; hops++)
        {
            var response = await _http.GetAsync(current, Cancel);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return response;
            }

            current = new Uri(current, response.Headers.Location!);
            if (stopAt?.Invoke(current) is true)
            {
                return response;
            }
        }

        throw new InvalidOperationException($"Too many redirects from {url}");
    }

    /// <summary>Posts the page's form (its action, or the page itself) with these fields and its antiforgery token.</summary>
    /// <remarks><paramref name="repeated"/> adds fields that occur more than once (a list of checkboxes).</remarks>
    public async Task<HttpResponseMessage> SubmitAsync(Uri page, string html, IDictionary<string, string> fields, string? action = null,
        IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "type") == "hidden" && Attribute(tag, "name") is { } name)
            {
                form.TryAdd(name, Attribute(tag, "value") ?? "");
            }
        }

        var target = action is null ? page : new Uri(page, action);
        return await _http.PostAsync(target, new FormUrlEncodedContent([.. form, .. repeated ?? []]), Cancel);
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value) is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    public void Dispose() => _http.Dispose();

    private static HttpClientHandler CreateHandler(PlatformFixture platform)
    {
        var handler = LocalCaTrust.CreateHandler(platform.App.Certificates!.CaCertificatePath);
        handler.AllowAutoRedirect = false;
        handler.UseCookies = true;
        return handler;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();
}
