using System.Diagnostics.Metrics;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// Meter <c>Wekeza.Api</c>: payments taken in, as Prometheus sees them (<c>wekeza_payments_accepted_total{environment}</c>;
/// docs/architecture.md, "Metrics"). What becomes of them is the workers' to count.
/// </summary>
internal sealed class PaymentMetrics
{
    public const string MeterName = "Wekeza.Api";

    private readonly Counter<long> _accepted;

    public PaymentMetrics(IMeterFactory meters) =>
        _accepted = meters.Create(MeterName).CreateCounter<long>("wekeza.payments.accepted", "{payment}",
            "Payments accepted (202), idempotent replays not counted, by environment");

    public void Accepted(string clientId) =>
        _accepted.Add(1, new KeyValuePair<string, object?>("environment", ClientEnvironments.IsSandbox(clientId) ? "sandbox" : "production"));
}
