using Microsoft.Extensions.Options;
using Wekeza.Workers.Payments.Switch;

namespace Wekeza.Workers.Tests.Payments.Switch;

public sealed class SimulatedPaymentSwitchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ordinary_transfer_settles_with_a_reference_derived_from_the_payment_id()
    {
        var outcome = await Instant().SubmitAsync(Transfer("pmt_a"), Cancel);

        var settled = Assert.IsType<SwitchOutcome.Settled>(outcome);
        Assert.Matches("^SW[0-9A-F]{12}$", settled.SwitchReference);
        Assert.Equal(settled, await Instant().SubmitAsync(Transfer("pmt_a"), Cancel));
        Assert.NotEqual(settled, await Instant().SubmitAsync(Transfer("pmt_b"), Cancel));
    }

    [Theory]
    [InlineData("SWITCH-FAIL")]
    [InlineData("switch-fail-42")]
    public async Task A_switch_fail_reference_is_refused(string reference)
    {
        var outcome = await Instant().SubmitAsync(Transfer("pmt_a", reference), Cancel);

        Assert.Equal(new SwitchOutcome.Refused("switch_rejected", "The receiving institution refused the transfer."), outcome);
    }

    [Theory]
    [InlineData("SWITCH-FAIL-1")]
    [InlineData("switch-slow")]
    [InlineData("SWITCH-PENDING")]
    [InlineData("SWITCH-TIMEOUT")]
    public async Task A_production_apps_magic_reference_is_just_a_reference(string reference)
    {
        var ordinary = await Instant().SubmitAsync(Transfer("pmt_a"), Cancel);

        var outcome = await Instant().SubmitAsync(Transfer("pmt_a", reference, sandbox: false), Cancel).WaitAsync(TimeSpan.FromSeconds(5), Cancel);

        Assert.Equal(ordinary, outcome);
    }

    [Theory]
    [InlineData("SWITCH-PENDING")]
    [InlineData("switch-pending order 12")]
    public async Task A_switch_pending_reference_is_held_for_the_configured_time_after_the_usual_latency(string reference)
    {
        var clock = new ManualTimeProvider();
        // Rates of one: a developer who asks for a held settlement gets one, whatever else the switch is set to do.
        var options = new SimulatedSwitchOptions { LatencyJitter = TimeSpan.Zero, HeldSettlement = TimeSpan.FromHours(6), FailureRate = 1, TimeoutRate = 1 };
        var submission = Switch(clock, options).SubmitAsync(Transfer("pmt_a", reference), Cancel);

        clock.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(submission.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new SwitchOutcome.Held(TimeSpan.FromHours(6)), await submission.WaitAsync(TimeSpan.FromSeconds(5), Cancel));
    }

    [Fact]
    public async Task A_switch_slow_reference_settles_after_three_seconds()
    {
        var clock = new ManualTimeProvider();
        var submission = Switch(clock, new SimulatedSwitchOptions()).SubmitAsync(Transfer("pmt_a", "Switch-Slow invoice 7"), Cancel);

        clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.False(submission.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.IsType<SwitchOutcome.Settled>(await submission.WaitAsync(TimeSpan.FromSeconds(5), Cancel));
    }

    [Theory]
    [InlineData("SWITCH-TIMEOUT", 0)]
    [InlineData("switch-timeout please", 0)]
    [InlineData("ordinary", 1)]
    public async Task A_timeout_never_answers_until_the_caller_gives_up(string reference, double timeoutRate)
    {
        var clock = new ManualTimeProvider();
        var paymentSwitch = Switch(clock, new SimulatedSwitchOptions { TimeoutRate = timeoutRate });
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        var submission = paymentSwitch.SubmitAsync(Transfer("pmt_a", reference), caller.Token);
        clock.Advance(TimeSpan.FromDays(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submission);
    }

    [Fact]
    public async Task Each_payment_gets_the_same_answer_every_time_and_the_failure_rate_holds_overall()
    {
        var options = new SimulatedSwitchOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero, FailureRate = 0.5 };
        var refused = 0;
        for (var i = 0; i < 400; i++)
        {
            var transfer = Transfer($"pmt_{Guid.CreateVersion7():N}");
            // A new instance for the retry: the answer must not depend on anything remembered in memory.
            var first = await Switch(TimeProvider.System, options).SubmitAsync(transfer, Cancel);
            var again = await Switch(TimeProvider.System, options).SubmitAsync(transfer, Cancel);

            Assert.Equal(first, again);
            refused += first is SwitchOutcome.Refused ? 1 : 0;
        }

        Assert.InRange(refused, 140, 260);
    }

    [Fact]
    public async Task The_latency_is_honoured()
    {
        var clock = new ManualTimeProvider();
        var options = new SimulatedSwitchOptions { Latency = TimeSpan.FromMilliseconds(150), LatencyJitter = TimeSpan.Zero };
        var submission = Switch(clock, options).SubmitAsync(Transfer("pmt_a"), Cancel);

        clock.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(submission.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.IsType<SwitchOutcome.Settled>(await submission.WaitAsync(TimeSpan.FromSeconds(5), Cancel));
    }

    [Fact]
    public async Task The_jitter_stays_within_its_bound()
    {
        var clock = new ManualTimeProvider();
        var submissions = Enumerable.Range(0, 20)
            .Select(i => Switch(clock, new SimulatedSwitchOptions()).SubmitAsync(Transfer($"pmt_{i}"), Cancel)).ToArray();

        clock.Advance(TimeSpan.FromMilliseconds(149));
        Assert.DoesNotContain(submissions, s => s.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(101));

        await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(5), Cancel);
    }

    private static SimulatedPaymentSwitch Instant() =>
        Switch(TimeProvider.System, new SimulatedSwitchOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero });

    private static SimulatedPaymentSwitch Switch(TimeProvider clock, SimulatedSwitchOptions options) => new(Options.Create(options), clock);

    private static SwitchTransfer Transfer(string paymentId, string reference = "Invoice 7", bool sandbox = true) =>
        new(paymentId, 2_500m, "KES", "KE.MobileMoney", "254711111111", "Jane Wanjiku", reference, sandbox);
}
