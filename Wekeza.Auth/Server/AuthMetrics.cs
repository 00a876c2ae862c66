using System.Diagnostics.Metrics;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Wekeza.Auth.Server;

/// <summary>
/// Meter <c>Wekeza.Auth</c>: what the token endpoint answered, as Prometheus sees it
/// (<c>wekeza_tokens_issued_total{grant_type}</c>, <c>wekeza_token_requests_failed_total{error}</c>; docs/architecture.md,
/// "Metrics"). Both label values come from the server, never from the request as sent: a grant type is counted only
/// once OpenIddict accepted it, and errors are OAuth's own codes, so a caller cannot mint new series.
/// </summary>
internal sealed class AuthMetrics
{
    public const string MeterName = "Wekeza.Auth";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _failed;

    public AuthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _issued = meter.CreateCounter<long>("wekeza.tokens.issued", "{token}", "Access tokens issued at /connect/token, by grant type");
        _failed = meter.CreateCounter<long>("wekeza.token_requests.failed", "{request}", "Token requests refused, by OAuth error code");
    }

    /// <summary>A token response on its way out: an error, or an access token issued under <paramref name="grantType"/>.</summary>
    public void TokenResponse(string? grantType, OpenIddictResponse response)
    {
        if (!string.IsNullOrEmpty(response.Error))
        {
            _failed.Add(1, new KeyValuePair<string, object?>("error", response.Error));
        }
        else if (!string.IsNullOrEmpty(response.AccessToken))
        {
            _issued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType));
        }
    }

    /// <summary>The rate limiter answered <c>slow_down</c> before OpenIddict saw the request.</summary>
    public void TokenRequestThrottled() => _failed.Add(1, new KeyValuePair<string, object?>("error", "slow_down"));
}

/// <summary>Counts every token endpoint answer, after <see cref="ScopeErrors"/> renamed its error and before it is written.</summary>
internal sealed class TokenResponseMetrics(AuthMetrics metrics) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<TokenResponseMetrics>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        metrics.TokenResponse(context.Request?.GrantType, context.Response);
        return ValueTask.CompletedTask;
    }
}
