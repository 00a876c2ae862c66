using Wekeza.Banking.Webhooks;
using Wekeza.Workers.Webhooks;

namespace Wekeza.Workers.Tests.Webhooks;

/// <summary>The retry schedule on a clock the test controls: when each retry is due, with jitter, and when it stops.</summary>
public sealed class WebhookPolicyTests
{
    private static readonly DateTimeOffset Now = new ManualTimeProvider().GetUtcNow();

    [Fact]
    public void The_documented_production_and_sandbox_schedules_are_the_defaults()
    {
        var policy = new WebhookPolicy();
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
            TimeSpan.FromHours(10), TimeSpan.FromHours(10)], policy.ScheduleFor(sandbox: false));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)], policy.ScheduleFor(sandbox: true));
        Assert.Equal(TimeSpan.FromDays(5), policy.DisableAfterFor(sandbox: false));
        Assert.Equal(TimeSpan.FromDays(1), policy.DisableAfterFor(sandbox: true));
    }

    [Fact]
    public void Without_jitter_each_retry_is_due_exactly_one_step_of_the_schedule_after_the_last_attempt()
    {
        var policy = new WebhookPolicy();
        var clock = new ManualTimeProvider(Now);
        var due = new List<TimeSpan>();
        for (var attempts = 1; policy.NextAttemptAt(attempts, sandbox: false, clock.GetUtcNow(), random: 0.5) is { } next; attempts++)
        {
            due.Add(next - clock.GetUtcNow());
            clock.Advance(next - clock.GetUtcNow());
        }

        Assert.Equal(policy.ScheduleFor(sandbox: false), due);
        Assert.Equal(Now + TimeSpan.FromSeconds(5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.999999, 1.2)]
    public void Jitter_stretches_or_shrinks_a_wait_by_at_most_a_fifth(double random, double factor)
    {
        var next = new WebhookPolicy().NextAttemptAt(2, sandbox: false, Now, random)!.Value;
        Assert.Equal(TimeSpan.FromMinutes(5).TotalSeconds * factor, (next - Now).TotalSeconds, precision: 1);
    }

    [Fact]
    public void After_the_last_step_there_is_no_next_attempt()
    {
        var policy = new WebhookPolicy { SandboxRetrySchedule = "1s, 2s" };
        Assert.NotNull(policy.NextAttemptAt(2, sandbox: true, Now, 0.5));
        Assert.Null(policy.NextAttemptAt(3, sandbox: true, Now, 0.5));
    }

    [Theory]
    [InlineData("250ms, 1.5s, 2m, 1h, 1d", new[] { 0.25, 1.5, 120, 3600, 86400 })]
    [InlineData("5s,5m", new[] { 5.0, 300 })]
    public void A_schedule_is_written_as_durations_with_units(string schedule, double[] seconds) =>
        Assert.Equal(seconds.Select(TimeSpan.FromSeconds), WebhookPolicy.ParseSchedule(schedule));

    [Fact]
    public void A_schedule_with_an_unknown_unit_is_refused_with_the_reason() =>
        Assert.Contains("use a number and ms, s, m, h or d", Assert.Throws<FormatException>(() => WebhookPolicy.ParseSchedule("5 weeks")).Message);

    [Fact]
    public void An_attempt_decides_its_delivery_succeeded_retried_or_failed()
    {
        var policy = new WebhookPolicy { SandboxRetrySchedule = "1s, 2s" };
        ClaimedDelivery Delivery(int attempts, bool enabled = true) =>
            new("dlv_1", "we_1", "sbx_app", "evt_1", attempts, "http://localhost/hook", enabled, "v1.x.y", null, null, "{}", Now);
        var ok = new WebhookAttemptResult(true, 200, 12, null, "ok");
        var refused = new WebhookAttemptResult(false, 500, 12, "HTTP 500", null);

        Assert.Equal(new DeliveryDecision("Succeeded", 3, null, Now), DeliveryDecision.For(Delivery(2), ok, Now, policy, 0.5));
        Assert.Equal(new DeliveryDecision("Pending", 1, Now.AddSeconds(1), null), DeliveryDecision.For(Delivery(0), refused, Now, policy, 0.5));
        Assert.Equal(new DeliveryDecision("Pending", 2, Now.AddSeconds(2), null), DeliveryDecision.For(Delivery(1), refused, Now, policy, 0.5));
        Assert.Equal(new DeliveryDecision("Failed", 3, null, Now), DeliveryDecision.For(Delivery(2), refused, Now, policy, 0.5));
        Assert.Equal(new DeliveryDecision("Failed", 1, null, Now), DeliveryDecision.For(Delivery(0, enabled: false), refused, Now, policy, 0.5));
    }
}
