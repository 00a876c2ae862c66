using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Workers.Payments.Sandbox;

namespace Wekeza.Workers.Tests.Payments.Sandbox;

public sealed class SandboxOutcomeHandlerTests
{
    [Theory]
    [InlineData("""{"paymentId":"pmt_1","clientId":"sbx_app","status":"Pending"}""")]
    [InlineData("""{"paymentId":"pmt_1","clientId":"sbx_app","status":"Failed","reasonCode":"Not A Code"}""")]
    [InlineData("""{"paymentId":"pmt_1","status":"Completed"}""")]
    [InlineData("null")]
    public async Task A_malformed_order_fails_so_that_the_broker_dead_letters_it(string json)
    {
        // No services: a malformed order must fail before it reaches the database.
        var handler = new SandboxOutcomeHandler(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());

        await Assert.ThrowsAsync<JsonException>(() => handler.HandleAsync(Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Completed", null, true)]
    [InlineData("Failed", "switch_timeout", true)]
    [InlineData("Rejected", null, true)]
    [InlineData("completed", null, false)]
    [InlineData("AcceptedSettlementInProcess", null, false)]
    [InlineData("Failed", "404_not_found", true)]
    [InlineData("Failed", "", false)]
    [InlineData("Failed", "ab", false)]
    [InlineData("Failed", "switch_rejected\n", false)]
    public void The_contract_allows_the_final_statuses_and_well_formed_reason_codes(string status, string? reasonCode, bool valid)
    {
        Assert.Equal(valid, new SandboxPaymentOutcome("pmt_1", "sbx_app", status, reasonCode).IsValid);
    }

    [Fact]
    public void A_reason_code_longer_than_a_payment_keeps_is_refused()
    {
        Assert.True(SandboxPaymentOutcome.IsReasonCode("a" + new string('b', 59)));
        Assert.False(SandboxPaymentOutcome.IsReasonCode("a" + new string('b', 60)));
    }
}
