using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Auth.Server;

/// <summary>
/// Per-address limits on what a brute-force attack or a sign-up bot would hammer: the sign-in form, the registration
/// form and the token endpoint (client secrets, codes, refresh tokens). Budgets in Redis, shared by auth's replicas,
/// decided by the same limiter as the API's. Generous by default: they are for floods, not for people; a single
/// account is protected further by the lockout after five wrong passwords. Only POSTs count: showing a page costs
/// an attacker nothing to learn. Settings: <c>RateLimits:Auth:{SignIn,Register,Token}:PermitsPerMinute</c> and
/// <c>…:Burst</c> (docs/api-guide.md, "Rate limits").
/// </summary>
internal static class AuthRateLimits
{
    public const string Section = "RateLimits:Auth";
    public const string SignInPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string TokenPath = "/" + AuthRoutes.Token;

    public static IHostApplicationBuilder AddAuthRateLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var signIn = RateLimitPolicy.FromConfiguration(section.GetSection("SignIn"), "SignIn", 60);
        var register = RateLimitPolicy.FromConfiguration(section.GetSection("Register"), "Register", 60);
        var token = RateLimitPolicy.FromConfiguration(section.GetSection("Token"), "Token", 600);

        RateLimitTarget? Resolve(HttpContext context)
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return null;
            }

            var path = context.Request.Path;
            var (name, policy) = path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase) ? ("token", token)
                : path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase) ? ("sign-in", signIn)
                : path.Equals(RegisterPath, StringComparison.OrdinalIgnoreCase) ? ("register", register)
                : (null, null);
            return policy is null ? null : new RateLimitTarget($"auth:{name}:{ClientAddress.PartitionOf(context)}", policy);
        }

        return builder.AddDistributedRateLimiter(ResourceNames.Cache, _ => Resolve, OnRejectedAsync, advertise: false);
    }

    /// <summary>
    /// Before authentication: OpenIddict answers <c>/connect/token</c> inside the authentication middleware, where it
    /// authenticates the client (the secret being guessed) before any endpoint runs.
    /// </summary>
    public static WebApplication UseAuthRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// 429 with Retry-After. The token endpoint answers in OAuth's format, as all its errors do (never problem details):
    /// <c>slow_down</c>, the token endpoint's own error for "too many requests, wait" (RFC 8628, 3.5). The forms get a
    /// short page a person can read.
    /// </summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var response = context.Response;
        var seconds = RateLimitHeaders.RetryAfterSeconds(rejected.Lease);
        RateLimitHeaders.SetRetryAfter(response, rejected.Lease);
        response.Headers.CacheControl = "no-store";
        var wait = seconds == 1 ? "1 second" : $"{seconds.ToString(CultureInfo.InvariantCulture)} seconds";

        if (context.Request.Path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase))
        {
            context.RequestServices.GetRequiredService<AuthMetrics>().TokenRequestThrottled();
            response.ContentType = "application/json;charset=UTF-8";
            await JsonSerializer.SerializeAsync(response.Body, new Dictionary<string, string>
            {
                ["error"] = "slow_down",
                ["error_description"] = $"Too many token requests from your network. Retry after {wait}.",
            }, cancellationToken: cancellationToken);
            return;
        }

        response.ContentType = "text/html;charset=UTF-8";
        await response.WriteAsync($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Too many attempts</title></head>
            <body>
            <h1>Too many attempts</h1>
            <p>We received too many attempts from your network. Wait {HtmlEncoder.Default.Encode(wait)}, then go back and try again.</p>
            </body>
            </html>
            """, cancellationToken);
    }
}
