using System.Security.Claims;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Gateway;

/// <summary>
/// Which budget a call spends from. Tiers by client id: the platform's own clients (<c>RateLimits:InternalClients</c>)
/// are <c>Internal</c>, <c>live_…</c> apps <c>Production</c>, every other app <c>Sandbox</c> (the least it could be);
/// a call without a valid token is <c>Anonymous</c>, per address. Each tier reads
/// <c>RateLimits:Tiers:&lt;Tier&gt;:PermitsPerMinute</c> and <c>…:Burst</c> (default: the same number).
/// </summary>
internal sealed class ApiRateLimitTiers
{
    public const string Section = "RateLimits";

    /// <summary>The portal and auth's service client, as AuthSeeder names them unless configured otherwise.</summary>
    public static readonly string[] DefaultInternalClients = ["wekeza-portal", "wekeza-auth"];

    private readonly HashSet<string> _internalClients;

    private ApiRateLimitTiers(RateLimitPolicy sandbox, RateLimitPolicy production, RateLimitPolicy @internal, RateLimitPolicy anonymous, IEnumerable<string> internalClients)
    {
        Sandbox = sandbox;
        Production = production;
        Internal = @internal;
        Anonymous = anonymous;
        _internalClients = new HashSet<string>(internalClients, StringComparer.Ordinal);
    }

    public RateLimitPolicy Sandbox { get; }

    public RateLimitPolicy Production { get; }

    public RateLimitPolicy Internal { get; }

    public RateLimitPolicy Anonymous { get; }

    public static ApiRateLimitTiers FromConfiguration(IConfiguration configuration)
    {
        var tiers = configuration.GetSection($"{Section}:Tiers");
        var internalClients = configuration.GetSection($"{Section}:InternalClients").Get<string[]>() is { Length: > 0 } configured
            ? configured
            : DefaultInternalClients;
        return new ApiRateLimitTiers(
            RateLimitPolicy.FromConfiguration(tiers.GetSection("Sandbox"), "Sandbox", 600),
            RateLimitPolicy.FromConfiguration(tiers.GetSection("Production"), "Production", 3000),
            RateLimitPolicy.FromConfiguration(tiers.GetSection("Internal"), "Internal", 20000),
            RateLimitPolicy.FromConfiguration(tiers.GetSection("Anonymous"), "Anonymous", 300),
            internalClients);
    }

    public RateLimitPolicy ForClient(string clientId) =>
        _internalClients.Contains(clientId) ? Internal
        : clientId.StartsWith("live_", StringComparison.Ordinal) ? Production
        : Sandbox;

    /// <summary>Only <c>/v1</c>: health probes, metrics scrapes, the API reference and auth's internal calls are not metered.</summary>
    public RateLimitTarget? Resolve(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ClientIdOf(context) is { } clientId
            ? new RateLimitTarget($"api:app:{clientId}", ForClient(clientId))
            : new RateLimitTarget($"api:ip:{ClientAddress.PartitionOf(context)}", Anonymous);
    }

    /// <summary>The app behind a validated token (authentication has run), or null.</summary>
    public static string? ClientIdOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue("client_id") is { Length: > 0 } clientId ? clientId : null;
}
