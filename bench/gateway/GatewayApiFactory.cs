using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wekeza.Bench;

/// <summary>
/// Wekeza.Api in process (its Program.cs exactly as it is) on the running stack's bankdb, Redis and auth, served by
/// the in-memory test server so the figures are the pipeline's, not TLS's or the socket's. In front of everything, a
/// bypass: <see cref="BarePrefix"/> + a path answers the bytes that path answered through the gateway, without
/// passing any of it — the same endpoint without the pipeline.
/// </summary>
internal sealed class GatewayApiFactory(BenchEnvironment env, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public const string BarePrefix = "/bare";

    /// <summary>What the bypass answers: set once from a real answer of the pipeline.</summary>
    public static byte[] BareBody { get; set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:bankdb", env.ConnectionString("bankdb"));
        builder.UseSetting("ConnectionStrings:cache", env.RedisConnectionString());
        builder.UseSetting("services:auth:https:0", env.Auth.AbsoluteUri.TrimEnd('/'));
        builder.UseSetting("Tls:TrustedCaPath", env.CaPath);
        // The bench app's budget must never run out: the limiter still decides every call through Redis.
        builder.UseSetting("RateLimits:Tiers:Sandbox:PermitsPerMinute", "100000000");
        builder.UseSetting("RateLimits:Tiers:Sandbox:Burst", "100000000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, BypassFirst>());
    }

    private sealed class BypassFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments(BarePrefix))
                {
                    return nextMiddleware(context);
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = BareBody.Length;
                return context.Response.Body.WriteAsync(BareBody).AsTask();
            });
            next(app);
        };
    }
}
