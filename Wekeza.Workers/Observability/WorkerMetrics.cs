using System.Diagnostics.Metrics;
using Wekeza.Workers.Webhooks;

namespace Wekeza.Workers.Observability;

/// <summary>
/// Meter <c>Wekeza.Workers</c>: payments reaching their end, webhook attempts and their lag, and the gauges of what
/// is waiting (docs/architecture.md, "Metrics" has the Prometheus names). The gauges read bankdb and RabbitMQ at most
/// every five seconds, whatever the number of scrapes; every replica reports the same backlog, so read them with
/// <c>max</c>, not <c>sum</c>.
/// </summary>
internal sealed class WorkerMetrics
{
    public const string MeterName = "Wekeza.Workers";

    /// <summary>Seconds: a first attempt lands in the low buckets, the retry schedule's steps (minutes to hours) in the high ones.</summary>
    public static readonly double[] LagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

    private readonly Counter<long> _finalised;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _lag;
    private readonly TimeProvider _clock;

    public WorkerMetrics(IMeterFactory meters, CachedReading<BacklogFigures> backlog, CachedReading<IReadOnlyDictionary<string, long>> queues, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _finalised = meter.CreateCounter<long>("wekeza.payments.finalised", "{payment}", "Payments that reached a final state, by status");
        _attempts = meter.CreateCounter<long>("wekeza.webhook.attempts", "{attempt}", "Webhook delivery attempts, by outcome");
        _lag = meter.CreateHistogram("wekeza.webhook.delivery_lag", "s", "From an event's creation to its delivery's first success",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

        meter.CreateObservableGauge("wekeza.payments.in_process", () => Figure(backlog, b => b.PaymentsInProcess), "{payment}",
            "Payments not yet in a final state");
        meter.CreateObservableGauge("wekeza.payments.oldest_in_process.age", () => Figure(backlog, b => AgeOf(b.OldestPaymentAt)), "s",
            "Age of the oldest payment not yet in a final state (0 when none)");
        meter.CreateObservableGauge("wekeza.outbox.backlog", () => Figure(backlog, b => b.OutboxBacklog), "{message}",
            "Outbox messages not yet published");
        meter.CreateObservableGauge("wekeza.outbox.oldest.age", () => Figure(backlog, b => AgeOf(b.OldestOutboxAt)), "s",
            "Age of the oldest unpublished outbox message (0 when none)");
        meter.CreateObservableGauge("wekeza.webhook.deliveries.pending", () => Figure(backlog, b => b.WebhookDeliveriesPending), "{delivery}",
            "Webhook deliveries neither succeeded nor failed yet");
        meter.CreateObservableGauge("wekeza.queue.messages", () => QueueFigures(queues), "{message}",
            "Ready messages in each of the workers' RabbitMQ queues");
    }

    /// <summary>After the commit that moved the payment to <paramref name="status"/> (Completed, Failed or Rejected).</summary>
    public void PaymentFinalised(string status) => _finalised.Add(1, new KeyValuePair<string, object?>("status", status));

    /// <summary>
    /// One attempt sent (an endpoint disabled meanwhile gets none). The lag counts a delivery's first success only:
    /// a developer's resend of a delivered event says nothing about how fast the platform delivers.
    /// </summary>
    public void WebhookAttempted(ClaimedDelivery delivery, DateTimeOffset attemptedAt, WebhookAttemptResult result)
    {
        if (!delivery.Enabled)
        {
            return;
        }

        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", result.Succeeded ? "success" : "failure"));
        if (result.Succeeded && !delivery.DeliveredBefore && delivery.EventOccurredAt is { } occurredAt)
        {
            _lag.Record(Math.Max(0, (attemptedAt.AddMilliseconds(result.DurationMs) - occurredAt).TotalSeconds));
        }
    }

    private double AgeOf(DateTimeOffset? oldest) => oldest is { } at ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0;

    private static IEnumerable<Measurement<T>> Figure<T>(CachedReading<BacklogFigures> backlog, Func<BacklogFigures, T> figure) where T : struct =>
        backlog.Current() is { } current ? [new Measurement<T>(figure(current))] : [];

    private static IEnumerable<Measurement<long>> QueueFigures(CachedReading<IReadOnlyDictionary<string, long>> queues) =>
        queues.Current() is { } depths
            ? [.. depths.Select(depth => new Measurement<long>(depth.Value, new KeyValuePair<string, object?>("queue", depth.Key)))]
            : [];
}

internal static class WorkerMetricsServices
{
    public static IHostApplicationBuilder AddWorkerMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BankBacklog>();
        builder.Services.AddSingleton<QueueDepths>();
        builder.Services.AddSingleton(sp => new CachedReading<BacklogFigures>(sp.GetRequiredService<BankBacklog>().ReadAsync,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BankBacklog>>(), "the backlog in bankdb"));
        builder.Services.AddSingleton(sp => new CachedReading<IReadOnlyDictionary<string, long>>(sp.GetRequiredService<QueueDepths>().ReadAsync,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueueDepths>>(), "the queue depths"));
        builder.Services.AddSingleton<WorkerMetrics>();
        return builder;
    }
}
