using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wekeza.Workers.Payments.Switch;

public static class SwitchServices
{
    /// <summary>
    /// The simulated switch as the <see cref="IPaymentSwitch"/>, configured from <c>Payments:Switch:Simulator</c>.
    /// A real switch's client registered before this call keeps its place.
    /// </summary>
    public static IServiceCollection AddSimulatedPaymentSwitch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatedSwitchOptions>()
            .Bind(configuration.GetSection(SimulatedSwitchOptions.Section))
            .Validate(o => o.Latency >= TimeSpan.Zero && o.LatencyJitter >= TimeSpan.Zero
                    && o.FailureRate is >= 0 and <= 1 && o.TimeoutRate is >= 0 and <= 1 && o.HeldSettlement > TimeSpan.Zero,
                $"{SimulatedSwitchOptions.Section}: latencies must not be negative, rates must be between 0 and 1, HeldSettlement must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPaymentSwitch, SimulatedPaymentSwitch>();
        return services;
    }
}
