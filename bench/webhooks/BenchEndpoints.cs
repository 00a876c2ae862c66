using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.Consents;

namespace Wekeza.Bench;

/// <summary>An endpoint on the bench's receiver, as the API created it, with the signing secret it showed once.</summary>
internal sealed record BenchEndpoint(string Id, string Url, string Secret);

/// <summary>
/// The app's webhook endpoints, managed as an app manages them: its own client-credentials token on
/// <c>/v1/webhook-endpoints</c>. The bench makes as many as its largest run needs, subscribed to <c>consent.revoked</c>,
/// and enables only the first N for a run of N (the fan-out skips disabled endpoints).
/// </summary>
internal sealed class BenchEndpoints(HttpClient http, BenchEnvironment env, ClientCredentialsGrant grant)
{
    private readonly List<BenchEndpoint> _all = [];
    private string? _token;
    private DateTimeOffset _renewAt;

    public IReadOnlyList<BenchEndpoint> All => _all;

    public async Task CreateAsync(IReadOnlyList<string> urls)
    {
        foreach (var url in urls)
        {
            var (status, body) = await SendAsync(HttpMethod.Post, "v1/webhook-endpoints",
                new { url, eventTypes = new[] { ConsentEvents.Revoked }, description = $"Bench receiver {_all.Count}" });
            if (status != HttpStatusCode.Created)
            {
                throw new BenchException($"POST /v1/webhook-endpoints answered {(int)status}: {body}");
            }

            using var json = JsonDocument.Parse(body);
            _all.Add(new BenchEndpoint(json.RootElement.GetProperty("endpoint").GetProperty("id").GetString()!, url,
                json.RootElement.GetProperty("secret").GetString()!));
        }
    }

    /// <summary>The first <paramref name="count"/> enabled, the rest disabled.</summary>
    public async Task UseAsync(int count)
    {
        for (var i = 0; i < _all.Count; i++)
        {
            var (status, body) = await SendAsync(HttpMethod.Patch, $"v1/webhook-endpoints/{_all[i].Id}", new { enabled = i < count });
            if (status != HttpStatusCode.OK)
            {
                throw new BenchException($"PATCH /v1/webhook-endpoints/{_all[i].Id} answered {(int)status}: {body}");
            }
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object content)
    {
        if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
        {
            var (token, lifetime) = await grant.RequestAsync(http);
            (_token, _renewAt) = (token, DateTimeOffset.UtcNow + lifetime / 2);
        }

        using var request = new HttpRequestMessage(method, new Uri(env.Api, path)) { Content = JsonContent.Create(content) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
