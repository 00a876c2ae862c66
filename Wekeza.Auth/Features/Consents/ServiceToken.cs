using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Consents;

/// <summary>
/// Auth's own access token for the bank API (client credentials at its own token endpoint, scope
/// <c>consents.authorise</c>), cached until shortly before it expires and shared by every call.
/// </summary>
public sealed class ServiceToken(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock)
{
    public const string HttpClientName = "auth-self";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference swapped whole, so a reader outside the lock never sees half of one.
    private volatile Cached? _current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
        {
            return fresh.Value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && clock.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Value;
            }

            var token = await RequestAsync(cancellationToken);
            _current = new Cached(token.AccessToken, clock.GetUtcNow() + TimeSpan.FromSeconds(token.ExpiresIn) - RenewBefore);
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(AuthSeeder.ServiceSection);
        var issuer = configuration["Auth:Issuer"];
        if (section["ClientSecret"] is not { Length: > 0 } secret || !Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
        {
            throw new InvalidOperationException(
                $"Auth cannot call the bank API: set {AuthSeeder.ServiceSection}:ClientSecret and Auth:Issuer (the AppHost sets both).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuerUri, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = ApiScopes.ConsentsAuthorise,
            }),
        };
        var clientId = section["ClientId"] ?? AuthSeeder.DefaultServiceClientId;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new InvalidOperationException("The token endpoint answered without a token.");
    }

    private sealed record Cached(string Value, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
