using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wekeza.Bench;

/// <summary>One client-credentials token request, with the client authenticating by HTTP Basic (RFC 6749 §2.3.1).</summary>
internal sealed class ClientCredentialsGrant(BenchEnvironment env, AppCredentials app, string scope)
{
    public const string ApiAudience = "wekeza-api";

    private readonly Uri _tokenEndpoint = new(env.Auth, "connect/token");

    private readonly AuthenticationHeaderValue _basic = Basic(app);

    private readonly byte[] _form = Encoding.ASCII.GetBytes($"grant_type=client_credentials&scope={Uri.EscapeDataString(scope)}");

    /// <summary>The app's client authentication at the token endpoint, for any grant.</summary>
    // RFC 6749 form-encodes id and secret before base64: a secret with reserved characters would otherwise be misread.
    public static AuthenticationHeaderValue Basic(AppCredentials app) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $"{WebUtility.UrlEncode(app.ClientId)}:{WebUtility.UrlEncode(app.ClientSecret)}")));

    public HttpRequestMessage CreateRequest()
    {
        var content = new ByteArrayContent(_form);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = content };
        request.Headers.Authorization = _basic;
        return request;
    }

    /// <summary>A token and its lifetime, after checking it is what the API accepts.</summary>
    public async Task<(string AccessToken, TimeSpan Lifetime)> RequestAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest();
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"The token endpoint answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = TimeSpan.FromSeconds(json.RootElement.GetProperty("expires_in").GetInt32());
        return (token, lifetime);
    }

    /// <summary>
    /// Checks the sample is a signed JWT access token (RFC 9068) issued by auth for the API's audience and scope, and
    /// describes it in one line. Decoding only: the signature is the API's to check.
    /// </summary>
    public string Describe(string accessToken)
    {
        var parts = accessToken.Split('.');
        Check(parts.Length == 3, $"not a JWS compact token ({parts.Length} parts)");
        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));

        var alg = header.RootElement.GetProperty("alg").GetString();
        var typ = header.RootElement.TryGetProperty("typ", out var t) ? t.GetString() : null;
        var claims = payload.RootElement;
        var audiences = claims.GetProperty("aud") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(a => a.GetString()).ToList()
            : [claims.GetProperty("aud").GetString()];
        var issuer = claims.GetProperty("iss").GetString();
        var scopes = claims.TryGetProperty("scope", out var s) ? s.GetString() ?? "" : "";

        Check(alg is not null && alg != "none", $"unsigned (alg {alg})");
        Check(audiences.Contains(ApiAudience), $"aud is [{string.Join(", ", audiences)}], not {ApiAudience}");
        Check(issuer == env.Auth.AbsoluteUri, $"iss is {issuer}, not {env.Auth}");
        Check(scopes.Split(' ').Contains(scope), $"scope is '{scopes}', without {scope}");
        return $"JWT {alg}, typ {typ}, iss {issuer}, aud [{string.Join(", ", audiences)}], scope '{scopes}', {accessToken.Length} chars";
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException("The sample access token is not what the API accepts: " + failure);
        }
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
