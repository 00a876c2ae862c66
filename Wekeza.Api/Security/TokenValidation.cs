using OpenIddict.Validation.AspNetCore;

namespace Wekeza.Api.Security;

internal static class TokenValidation
{
    /// <summary>Where the auth server is: the service reference the AppHost (or Aspire) hands every service.</summary>
    public const string IssuerKey = $"services:{ResourceNames.Auth}:https:0";

    /// <summary>
    /// Access tokens are auth's signed JWTs, validated here against auth's published keys: issuer, audience,
    /// lifetime and signature, with no call to auth per request (no introspection). OpenIddict fetches and caches
    /// the discovery document and JWKS from the issuer, refreshing them when keys rotate.
    /// </summary>
    public static IHostApplicationBuilder AddTokenValidation(this IHostApplicationBuilder builder)
    {
        var issuer = ResolveIssuer(builder.Configuration);

        builder.Services.AddOpenIddict()
            .AddValidation(validation =>
            {
                validation.SetIssuer(issuer);
                validation.AddAudiences(ApiResource.Audience);
                validation.UseSystemNetHttp();
                validation.UseAspNetCore();
                validation.AnswerServiceUnavailable();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddScopePolicies();
        return builder;
    }

    /// <summary>
    /// The issuer with exactly one trailing slash: auth derives its issuer from the request URL ("https://host:port/"),
    /// and the discovery document is resolved relative to it.
    /// </summary>
    public static Uri ResolveIssuer(IConfiguration configuration)
    {
        var value = configuration[IssuerKey];
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException(
                $"The auth server's address is missing or not an absolute HTTP(S) URL: set {IssuerKey} " +
                $"(env services__{ResourceNames.Auth}__https__0), or start the service through Wekeza.AppHost, which sets it.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }
}
