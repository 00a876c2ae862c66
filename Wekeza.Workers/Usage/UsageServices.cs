using Wekeza.Banking.Usage;

namespace Wekeza.Workers.Usage;

internal static class UsageServices
{
    /// <summary>The usage rollup and its retention sweep (section <c>Usage</c>).</summary>
    public static IHostApplicationBuilder AddUsageRollups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsagePolicy>().BindConfiguration(UsagePolicy.Section);
        builder.Services.AddHostedService<UsageRollup>();
        return builder;
    }
}
