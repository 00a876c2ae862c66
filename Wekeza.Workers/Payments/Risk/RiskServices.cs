using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wekeza.Workers.Payments.Risk;

public static class RiskServices
{
    /// <summary>
    /// The risk checks: <see cref="RulesEngine"/> configured from <c>Payments:Risk</c>, the sandbox's
    /// <see cref="SandboxFraudScenario"/>, and the <see cref="RiskAssessor"/> that runs them with every other
    /// <see cref="IPaymentRiskCheck"/> registered (add an external fraud system's adapter with <c>TryAddEnumerable</c>
    /// or <c>AddScoped&lt;IPaymentRiskCheck, …&gt;</c>).
    /// </summary>
    public static IServiceCollection AddPaymentRiskChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RiskRulesOptions.Section);
        services.AddOptions<RiskRulesOptions>()
            .Configure(options =>
            {
                // The binder appends a configured list to the default one; a configured list should replace it, or
                // an environment could never unblock a sandbox fixture.
                if (section.GetSection(nameof(RiskRulesOptions.BlockedCreditors)).GetChildren().Any())
                {
                    options.BlockedCreditors.Clear();
                }

                // Per-currency dictionaries merge: configuring KES leaves the USD default in force.
                section.Bind(options);
            })
            .Validate(Valid, $"{RiskRulesOptions.Section}: limits must be positive, RejectScore 1-100, VelocityThreshold at least 1, hours 0-24.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentRiskCheck, RulesEngine>());
        // Registered everywhere: it is inert for production apps, and the sandbox is not a separate build.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentRiskCheck, SandboxFraudScenario>());
        // Scoped: an added check may well depend on scoped services (a DbContext, a typed HTTP client's handler).
        services.TryAddScoped<RiskAssessor>();
        return services;
    }

    private static bool Valid(RiskRulesOptions o) =>
        o.RejectScore is >= 1 and <= 100
        && o.VelocityThreshold >= 1 && o.VelocityWindow > TimeSpan.Zero
        && o.UnusualHoursStart is >= 0 and <= 24 && o.UnusualHoursEnd is >= 0 and <= 24
        && o.MaxPerPayment.Values.Concat(o.DailyLimit.Values).Concat(o.NewCreditorLargeAmount.Values).All(v => v > 0);
}
