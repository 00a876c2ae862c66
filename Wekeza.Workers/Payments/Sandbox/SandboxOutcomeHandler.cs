using System.Text.Json;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Workers.Payments.Sandbox;

/// <summary><c>sandbox.payment-outcome</c>: the sandbox controls force a payment's outcome (idempotent, see <see cref="PaymentProcessing"/>).</summary>
internal sealed class SandboxOutcomeHandler(IServiceScopeFactory scopes) : IEventHandler
{
    public string EventType => SandboxEventTypes.PaymentOutcome;

    public async Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // A malformed order is the API's bug: it fails, and the broker dead-letters it for a person to look at.
        var outcome = JsonSerializer.Deserialize<SandboxPaymentOutcome>(body.Span, JsonSerializerOptions.Web);
        if (outcome is not { PaymentId: not null, ClientId: not null, Status: not null } || !outcome.IsValid)
        {
            throw new JsonException("A sandbox payment outcome without a payment, an app, or a status and reason code the controls may set.");
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentProcessing>().ApplySandboxOutcomeAsync(outcome, cancellationToken);
    }
}
