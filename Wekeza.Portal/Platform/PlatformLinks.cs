namespace Wekeza.Portal.Platform;

/// <summary>
/// Where the portal sends developers on the platform's other services. The base URLs come from service discovery
/// configuration (<c>services:{name}:https:0</c>, which the AppHost sets); a service that is not configured has no
/// link, so the portal never shows one that cannot work.
/// </summary>
public sealed class PlatformLinks(IConfiguration configuration)
{
    public Uri? ApiReference => Resolve(ResourceNames.Api, "docs");

    public Uri? AuthDiscovery => Resolve(ResourceNames.Auth, ".well-known/openid-configuration");

    /// <summary>The auth server's issuer (one trailing slash); null means sign-in is unavailable.</summary>
    public Uri? AuthIssuer => Resolve(ResourceNames.Auth, "");

    /// <summary>The API's base URL (one trailing slash), for the examples developers copy.</summary>
    public Uri? ApiBase => Resolve(ResourceNames.Api, "");

    private Uri? Resolve(string service, string relativePath)
    {
        var configured = configuration[$"services:{service}:https:0"];
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var baseUri) || baseUri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        // Without the trailing slash, a base URL with a path ("https://host/bank") would lose its last segment.
        var withSlash = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        return new Uri(withSlash, relativePath);
    }
}
