using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Wekeza.Bench;

/// <summary>A PKCE pair (RFC 7636, S256).</summary>
internal sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = AuthForms.Base64Url(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, AuthForms.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

/// <summary>
/// Auth's server-rendered pages as a browser drives them, reduced to what the benches need: forms with their
/// antiforgery token and hidden fields, and redirects followed one at a time.
/// </summary>
internal static partial class AuthForms
{
    /// <summary>GET the form (for its antiforgery token, hidden fields and cookie), then POST it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, Uri form, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(form);
        return await SubmitAsync(http, form, page, fields);
    }

    /// <summary>
    /// POSTs the form on <paramref name="html"/> (to <paramref name="action"/>, or back to the page) with these fields, its
    /// antiforgery token and its hidden fields; <paramref name="repeated"/> adds fields sent more than once (checkboxes).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient http, Uri page, string html, Dictionary<string, string> fields,
        string? action = null, IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var token = AntiforgeryToken().Match(html);
        Expect(token.Success, $"no antiforgery token in {page.AbsolutePath}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        foreach (Match input in InputTag().Matches(html))
        {
            if (Attribute(input.Value, "type") == "hidden" && Attribute(input.Value, "name") is { } name)
            {
                form.TryAdd(name, Attribute(input.Value, "value") ?? "");
            }
        }

        var target = action is null ? page : new Uri(page, action);
        var response = await http.PostAsync(target, new FormUrlEncodedContent([.. form, .. repeated ?? []]));
        Expect((int)response.StatusCode < 400, $"POST {target.AbsolutePath} answered {(int)response.StatusCode}");
        return response;
    }

    public static Uri RedirectTarget(HttpResponseMessage response, string what)
    {
        Expect(response.Headers.Location is not null,
            $"{what} answered {(int)response.StatusCode} where a redirect was expected (a consent page or an error?)");
        return new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException(failure);
        }
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();
}
