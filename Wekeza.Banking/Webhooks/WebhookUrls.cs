using System.Net;

namespace Wekeza.Banking.Webhooks;

/// <summary>
/// What makes an endpoint URL acceptable, checked when it is saved (the delivery checks the address it actually
/// connects to, again). Absolute http(s), no credentials, no fragment. Production apps: https only, and a host that
/// is not, and does not resolve to, a private, loopback or link-local address. Sandbox apps may also use
/// <c>http://localhost</c> (and 127.0.0.1, [::1]) for a receiver on the developer's machine.
/// </summary>
public static class WebhookUrls
{
    public static async Task<string?> ProblemAsync(string? value, bool sandbox, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Enter the URL your endpoint listens on, such as https://example.com/webhooks/wekeza.";
        }

        if (value.Length > WebhookEndpoint.UrlMaxLength)
        {
            return $"A URL is at most {WebhookEndpoint.UrlMaxLength} characters.";
        }

        if (!value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp || string.IsNullOrEmpty(uri.Host))
        {
            return "Enter an absolute http(s) URL, such as https://example.com/webhooks/wekeza.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Do not put credentials in the URL: verify the webhook-signature header instead.";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "A webhook URL must not contain a fragment (#…).";
        }

        var loopbackName = uri.Host is "localhost" or "127.0.0.1" or "[::1]";
        if (sandbox)
        {
            return uri.Scheme == Uri.UriSchemeHttps || loopbackName
                ? null
                : "Use https (sandbox apps may also use http://localhost, 127.0.0.1 or [::1] for a receiver on your machine).";
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Production endpoints need https.";
        }

        const string privateTarget = "Production endpoints must be public: this host is a private, loopback or link-local address.";
        if (loopbackName || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
        {
            return privateTarget;
        }

        if (IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            return WebhookAddresses.IsPublic(literal) ? null : privateTarget;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolve(uri.DnsSafeHost, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The host {uri.Host} does not resolve: check the URL.";
        }

        return addresses.Length == 0 ? $"The host {uri.Host} does not resolve: check the URL."
            : addresses.All(WebhookAddresses.IsPublic) ? null : privateTarget;
    }
}
