using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wekeza.Workers.Payments.Switch;

namespace Wekeza.Workers.Tests.Payments.Switch;

public sealed class SwitchServicesTests
{
    [Fact]
    public void Without_configuration_the_defaults_apply()
    {
        var options = Build([]).GetRequiredService<IOptions<SimulatedSwitchOptions>>().Value;

        Assert.Equal((TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(100)), (options.Latency, options.LatencyJitter));
        Assert.Equal((0d, 0d), (options.FailureRate, options.TimeoutRate));
        Assert.Equal(TimeSpan.FromDays(1), options.HeldSettlement);
    }

    [Fact]
    public async Task The_registered_switch_is_one_instance_configured_from_its_section()
    {
        var services = Build(new()
        {
            ["Payments:Switch:Simulator:Latency"] = "00:00:00",
            ["Payments:Switch:Simulator:LatencyJitter"] = "00:00:00",
            ["Payments:Switch:Simulator:FailureRate"] = "1",
        });

        var paymentSwitch = services.GetRequiredService<IPaymentSwitch>();
        var outcome = await paymentSwitch.SubmitAsync(
            new SwitchTransfer("pmt_a", 10m, "KES", "KE.MobileMoney", "254711111111", "Jane", "Invoice", Sandbox: true), TestContext.Current.CancellationToken);

        Assert.Same(paymentSwitch, services.GetRequiredService<IPaymentSwitch>());
        Assert.IsType<SwitchOutcome.Refused>(outcome);
    }

    [Fact]
    public void A_rate_above_one_is_refused()
    {
        var services = Build(new() { ["Payments:Switch:Simulator:FailureRate"] = "1.5" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatedSwitchOptions>>().Value);
    }

    [Fact]
    public async Task The_held_settlement_is_configured_from_the_section()
    {
        var services = Build(new()
        {
            ["Payments:Switch:Simulator:Latency"] = "00:00:00",
            ["Payments:Switch:Simulator:LatencyJitter"] = "00:00:00",
            ["Payments:Switch:Simulator:HeldSettlement"] = "02:00:00",
        });

        var outcome = await services.GetRequiredService<IPaymentSwitch>().SubmitAsync(
            new SwitchTransfer("pmt_a", 10m, "KES", "KE.MobileMoney", "254711111111", "Jane", "SWITCH-PENDING", Sandbox: true), TestContext.Current.CancellationToken);

        Assert.Equal(new SwitchOutcome.Held(TimeSpan.FromHours(2)), outcome);
    }

    [Fact]
    public void A_held_settlement_of_zero_is_refused()
    {
        var services = Build(new() { ["Payments:Switch:Simulator:HeldSettlement"] = "00:00:00" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatedSwitchOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSimulatedPaymentSwitch(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
