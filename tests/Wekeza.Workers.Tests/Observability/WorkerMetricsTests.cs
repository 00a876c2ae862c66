using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Tests;
using Wekeza.Workers.Observability;
using Wekeza.Workers.Webhooks;

namespace Wekeza.Workers.Tests.Observability;

/// <summary>What the workers' meter reports: the backlog gauges from one cached reading, and the webhook attempts and lag.</summary>
public sealed class WorkerMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Now);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterRecorder _recorder;
    private BacklogFigures? _backlog;
    private IReadOnlyDictionary<string, long>? _queues;

    public WorkerMetricsTests() => _recorder = new MeterRecorder(WorkerMetrics.MeterName, _services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void The_backlog_gauges_report_counts_and_the_ages_of_the_oldest_waiting_rows()
    {
        _backlog = new BacklogFigures(3, Now.AddSeconds(-90), 12, Now.AddSeconds(-4.5), 7);
        _queues = new Dictionary<string, long> { ["workers.events"] = 5, ["workers.events.dead-letter"] = 1 };
        var metrics = Metrics();

        _recorder.Observe();

        Assert.Equal([3], _recorder.Values("wekeza.payments.in_process"));
        Assert.Equal([90], _recorder.Values("wekeza.payments.oldest_in_process.age"));
        Assert.Equal([12], _recorder.Values("wekeza.outbox.backlog"));
        Assert.Equal([4.5], _recorder.Values("wekeza.outbox.oldest.age"));
        Assert.Equal([7], _recorder.Values("wekeza.webhook.deliveries.pending"));
        Assert.Equal([5], _recorder.Values("wekeza.queue.messages", ("queue", "workers.events")));
        Assert.Equal([1], _recorder.Values("wekeza.queue.messages", ("queue", "workers.events.dead-letter")));
        GC.KeepAlive(metrics);
    }

    [Fact]
    public void Ages_are_zero_when_nothing_waits_and_grow_between_reads()
    {
        _backlog = new BacklogFigures(0, null, 1, Now, 0);
        _queues = new Dictionary<string, long>();
        var metrics = Metrics();

        _recorder.Observe();
        Assert.Equal([0], _recorder.Values("wekeza.payments.oldest_in_process.age"));
        Assert.Equal([0], _recorder.Values("wekeza.outbox.oldest.age"));
        Assert.Empty(_recorder.Values("wekeza.queue.messages"));

        // Within the read's period the figures are the last read's, but an age is the clock's.
        _recorder.Clear();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _recorder.Observe();
        Assert.Equal([2], _recorder.Values("wekeza.outbox.oldest.age"));
        GC.KeepAlive(metrics);
    }

    [Fact]
    public void Before_the_first_successful_read_the_gauges_report_nothing()
    {
        var metrics = Metrics();

        _recorder.Observe();

        Assert.Empty(_recorder.Values("wekeza.payments.in_process"));
        Assert.Empty(_recorder.Values("wekeza.outbox.oldest.age"));
        Assert.Empty(_recorder.Values("wekeza.queue.messages"));
        GC.KeepAlive(metrics);
    }

    [Fact]
    public void Attempts_are_counted_by_outcome_and_the_lag_is_the_first_success_after_the_event()
    {
        var metrics = Metrics();
        var ok = new WebhookAttemptResult(true, 200, 250, null, "ok");
        var refused = new WebhookAttemptResult(false, 500, 100, "HTTP 500", null);

        metrics.WebhookAttempted(Delivery(occurredAt: Now.AddSeconds(-10)), Now, refused);
        metrics.WebhookAttempted(Delivery(occurredAt: Now.AddSeconds(-10)), Now.AddSeconds(2), ok);
        // A resend of a delivered event: an attempt, but no second lag.
        metrics.WebhookAttempted(Delivery(occurredAt: Now.AddHours(-1), deliveredBefore: true), Now, ok);
        // An endpoint disabled meanwhile: nothing was sent.
        metrics.WebhookAttempted(Delivery(occurredAt: Now, enabled: false), Now, refused);

        Assert.Equal(2, _recorder.Sum("wekeza.webhook.attempts", ("outcome", "success")));
        Assert.Equal(1, _recorder.Sum("wekeza.webhook.attempts", ("outcome", "failure")));
        Assert.Equal([12.25], _recorder.Values("wekeza.webhook.delivery_lag"));
    }

    [Fact]
    public void A_final_payment_is_counted_by_its_status()
    {
        var metrics = Metrics();

        metrics.PaymentFinalised("Completed");
        metrics.PaymentFinalised("Completed");
        metrics.PaymentFinalised("Rejected");

        Assert.Equal(2, _recorder.Sum("wekeza.payments.finalised", ("status", "Completed")));
        Assert.Equal(1, _recorder.Sum("wekeza.payments.finalised", ("status", "Rejected")));
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }

    private WorkerMetrics Metrics() => new(_services.GetRequiredService<IMeterFactory>(),
        new CachedReading<BacklogFigures>(_ => _backlog is { } b ? Task.FromResult(b) : throw new InvalidOperationException("no database"),
            _clock, NullLogger.Instance, "backlog"),
        new CachedReading<IReadOnlyDictionary<string, long>>(_ => _queues is { } q ? Task.FromResult(q) : throw new InvalidOperationException("no broker"),
            _clock, NullLogger.Instance, "queues"),
        _clock);

    private static ClaimedDelivery Delivery(DateTimeOffset occurredAt, bool deliveredBefore = false, bool enabled = true) =>
        new("dlv_1", "we_1", "sbx_app", "evt_1", deliveredBefore ? 1 : 0, "http://localhost/hook", enabled, "v1.x.y", null, null, "{}", Now,
            occurredAt, deliveredBefore);
}
