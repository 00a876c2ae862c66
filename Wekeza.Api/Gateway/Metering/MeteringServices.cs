using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway.Metering;

internal static class MeteringServices
{
    /// <summary>The request log's and the meter's settings, the buffer, and the writer that empties it into bankdb.</summary>
    public static IHostApplicationBuilder AddRequestLogAndMetering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLogOptions>().BindConfiguration(RequestLogOptions.Section);
        builder.Services.AddOptions<MeteringOptions>().BindConfiguration(MeteringOptions.Section);
        builder.Services.AddSingleton<UsageBuffer>();
        // Plain Npgsql for COPY; EF Core's context (with bankdb's health check) serves everything else.
        builder.AddNpgsqlDataSource(ResourceNames.BankDb, healthCheck: false);
        builder.Services.AddSingleton<UsageWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UsageWriter>());
        builder.Services.AddSingleton<Features.Usage.UsageStore>();

        // RequestLog writes the one line per request: the host's "Request starting/finished" and routing's
        // "Executing endpoint" lines would say the same again, with the raw path and query string.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        return builder;
    }
}
