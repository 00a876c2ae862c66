using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

public sealed class RiskServicesTests
{
    [Fact]
    public void Without_configuration_the_defaults_apply()
    {
        var options = Build([]).GetRequiredService<IOptions<RiskRulesOptions>>().Value;

        Assert.Equal(70, options.RejectScore);
        Assert.Equal(TimeSpan.FromHours(3), options.LocalUtcOffset);
        Assert.Equal(1_000_000m, options.MaxPerPayment["KES"]);
        Assert.Equal(10_000m, options.MaxPerPayment["USD"]);
        Assert.Equal(2_000_000m, options.DailyLimit["KES"]);
        Assert.Equal(20_000m, options.DailyLimit["USD"]);
        Assert.Equal(100_000m, options.NewCreditorLargeAmount["KES"]);
        Assert.Equal(1_000m, options.NewCreditorLargeAmount["USD"]);
        Assert.Equal((TimeSpan.FromMinutes(10), 10), (options.VelocityWindow, options.VelocityThreshold));
        Assert.Equal((0, 5), (options.UnusualHoursStart, options.UnusualHoursEnd));
        Assert.Equal(["019999990001", "254700000999"], options.BlockedCreditors);
    }

    [Fact]
    public void Configuration_overrides_the_defaults_it_names_and_keeps_the_rest()
    {
        var options = Build(new()
        {
            ["Payments:Risk:RejectScore"] = "60",
            ["Payments:Risk:LocalUtcOffset"] = "01:00:00",
            ["Payments:Risk:MaxPerPayment:KES"] = "500",
            ["Payments:Risk:DailyLimit:UGX"] = "9000000",
            ["Payments:Risk:VelocityWindow"] = "00:05:00",
            ["Payments:Risk:VelocityThreshold"] = "3",
            ["Payments:Risk:BlockedCreditors:0"] = "254799999999",
            ["Payments:Risk:UnusualHoursStart"] = "1",
            ["Payments:Risk:UnusualHoursEnd"] = "4",
        }).GetRequiredService<IOptions<RiskRulesOptions>>().Value;

        Assert.Equal(60, options.RejectScore);
        Assert.Equal(TimeSpan.FromHours(1), options.LocalUtcOffset);
        Assert.Equal(500m, options.MaxPerPayment["KES"]);
        Assert.Equal(10_000m, options.MaxPerPayment["USD"]);
        Assert.Equal(9_000_000m, options.DailyLimit["UGX"]);
        Assert.Equal(2_000_000m, options.DailyLimit["KES"]);
        Assert.Equal((TimeSpan.FromMinutes(5), 3), (options.VelocityWindow, options.VelocityThreshold));
        // A configured list replaces the defaults rather than adding to them.
        Assert.Equal(["254799999999"], options.BlockedCreditors);
        Assert.Equal((1, 4), (options.UnusualHoursStart, options.UnusualHoursEnd));
    }

    [Fact]
    public async Task The_registered_assessor_runs_the_configured_rules_and_every_added_check()
    {
        var services = Build(new() { ["Payments:Risk:MaxPerPayment:KES"] = "500" }, s => s.AddScoped<IPaymentRiskCheck, ExternalFraudSystem>());
        await using var scope = services.CreateAsyncScope();
        var assessor = scope.ServiceProvider.GetRequiredService<RiskAssessor>();

        var assessment = await assessor.AssessAsync(Payment(600m), new FakePaymentHistory(), TestContext.Current.CancellationToken);

        Assert.Equal(RulesEngine.LimitPerPaymentExceeded, assessment.RejectionCode);
        Assert.Equal([RulesEngine.LimitPerPaymentExceeded, "external_watchlist"], assessment.Reasons);
    }

    [Fact]
    public void Registering_twice_does_not_run_the_rules_twice()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddPaymentRiskChecks(configuration).AddPaymentRiskChecks(configuration).BuildServiceProvider();

        Assert.Equal([typeof(RulesEngine), typeof(SandboxFraudScenario)], services.GetServices<IPaymentRiskCheck>().Select(c => c.GetType()));
    }

    [Fact]
    public async Task The_registered_assessor_rejects_a_sandbox_fraud_scenario()
    {
        await using var scope = Build([]).CreateAsyncScope();
        var assessor = scope.ServiceProvider.GetRequiredService<RiskAssessor>();

        var assessment = await assessor.AssessAsync(Payment(reference: "FRAUD-REJECT"), new FakePaymentHistory(), TestContext.Current.CancellationToken);

        Assert.Equal((RiskAssessor.ScoreTooHigh, 100), (assessment.RejectionCode, assessment.Score));
        Assert.Equal([SandboxFraudScenario.Code], assessment.Reasons);
    }

    [Fact]
    public void An_impossible_reject_score_is_refused()
    {
        var services = Build(new() { ["Payments:Risk:RejectScore"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RiskRulesOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddPaymentRiskChecks(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class ExternalFraudSystem : IPaymentRiskCheck
    {
        public Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<RiskFinding>>([new RiskFinding("external_watchlist", 10, false, "On a watchlist.")]);
    }
}
