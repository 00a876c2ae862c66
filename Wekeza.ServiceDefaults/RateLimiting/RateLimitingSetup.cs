using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wekeza.ServiceDefaults.RateLimiting;

public static class RateLimitingSetup
{
    /// <summary>
    /// ASP.NET Core rate limiting (<c>UseRateLimiter</c>) with one global <see cref="HttpRateLimiter"/>: budgets in
    /// Redis (<c>ConnectionStrings:{connectionName}</c>) shared by every replica, 429 answered by
    /// <paramref name="onRejected"/>. <paramref name="resolve"/> is built once the services exist.
    /// </summary>
    /// <param name="advertise">Whether limited responses carry the <c>RateLimit-*</c> headers.</param>
    public static IHostApplicationBuilder AddDistributedRateLimiter(
        this IHostApplicationBuilder builder,
        string connectionName,
        Func<IServiceProvider, Func<HttpContext, RateLimitTarget?>> resolve,
        Func<OnRejectedContext, CancellationToken, ValueTask> onRejected,
        bool advertise)
    {
        var options = RateLimitStoreOptions.FromConfiguration(builder.Configuration, connectionName);
        builder.Services.TryAddSingleton(services => new RateLimitStore(options,
            services.GetRequiredService<ILogger<RateLimitStore>>(), services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = onRejected;
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((limiter, services) =>
            limiter.GlobalLimiter = new HttpRateLimiter(resolve(services), services.GetRequiredService<RateLimitStore>(), advertise));
        return builder;
    }
}
