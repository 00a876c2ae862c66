using System.Text.Json;
using Wekeza.Payments;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Workers.Payments.Risk;
using Wekeza.Workers.Payments.Sandbox;
using Wekeza.Workers.Payments.Switch;

namespace Wekeza.Workers.Payments;

/// <summary>
/// <c>payment.created</c> starts processing; <c>payment.accepted</c> starts settlement. Each runs in its own DI scope
/// (its own bankdb context). Idempotent: <see cref="PaymentProcessing"/> does each step once, whatever the redeliveries.
/// </summary>
internal sealed class PaymentStepHandler(string eventType, IServiceScopeFactory scopes) : IEventHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var payment = JsonSerializer.Deserialize<PaymentEventData>(body.Span, JsonSerializerOptions.Web)
            ?? throw new JsonException("A payment event without a payment.");
        await using var scope = scopes.CreateAsyncScope();
        var processing = scope.ServiceProvider.GetRequiredService<PaymentProcessing>();
        if (eventType == PaymentEvents.Created)
        {
            await processing.ProcessAsync(payment.PaymentId, cancellationToken);
        }
        else
        {
            await processing.SettleAsync(payment.PaymentId, cancellationToken);
        }
    }
}

internal static class PaymentServices
{
    /// <summary>The event types the workers' payment steps consume.</summary>
    public static readonly string[] Steps = [PaymentEvents.Created, PaymentEvents.Accepted];

    /// <summary>Everything the payments part of the workers consumes: the steps and the sandbox controls' outcomes.</summary>
    public static readonly string[] EventTypes = [.. Steps, SandboxEventTypes.PaymentOutcome];

    public static IHostApplicationBuilder AddPaymentProcessing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Wekeza.Banking.CoreBanking.Ledger>();
        builder.Services.AddScoped<PaymentProcessing>();
        builder.Services.Configure<SettlementOptions>(builder.Configuration.GetSection("Payments:Switch"));
        builder.Services.AddPaymentRiskChecks(builder.Configuration);
        builder.Services.AddSimulatedPaymentSwitch(builder.Configuration);
        foreach (var step in Steps)
        {
            builder.Services.AddSingleton<IEventHandler>(sp => new PaymentStepHandler(step, sp.GetRequiredService<IServiceScopeFactory>()));
        }

        builder.Services.AddSingleton<IEventHandler, SandboxOutcomeHandler>();
        builder.Services.AddOptions<HeldSettlementOptions>()
            .Bind(builder.Configuration.GetSection("Payments"))
            .Validate(o => o.HeldSettlementSweep > TimeSpan.Zero, "Payments:HeldSettlementSweep must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<HeldSettlementSweeper>();

        return builder;
    }
}
