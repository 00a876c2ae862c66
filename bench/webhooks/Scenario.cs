using System.Diagnostics;
using System.Security.Cryptography;

namespace Wekeza.Bench;

/// <summary>
/// One run: <see cref="Rate"/> events/s for <see cref="WarmUp"/> (not counted) then <see cref="Duration"/>, or, with
/// <see cref="Burst"/> events, all of them at once; delivered to the first <see cref="Endpoints"/> endpoints.
/// </summary>
internal sealed record Scenario(string Name, int Endpoints, double Rate, TimeSpan WarmUp, TimeSpan Duration, int Burst = 0)
{
    public bool IsBurst => Burst > 0;

    public int Events => IsBurst ? Burst : (int)Math.Ceiling((WarmUp + Duration).TotalSeconds * Rate);

    public int FirstCounted => IsBurst ? 0 : (int)Math.Ceiling(WarmUp.TotalSeconds * Rate);
}

/// <summary>How the bench reaches bankdb and produces events, and how long it waits for stragglers.</summary>
internal sealed record RunSettings(string BankDb, string ClientId, int Connections, int BatchSize, TimeSpan Drain);

/// <summary>
/// Runs a <see cref="Scenario"/>: commits the events, waits until the receiver has every delivery (or nothing arrived for
/// <see cref="RunSettings.Drain"/>), waits for the workers to record the outcomes, reads back what each stage of the
/// pipeline stamped, and reports.
/// </summary>
internal sealed class ScenarioRun(RunSettings settings, Receiver receiver, BenchEndpoints endpoints, StackCpu cpu)
{
    public async Task<RunReport> RunAsync(Scenario scenario)
    {
        await endpoints.UseAsync(scenario.Endpoints);
        var events = new OutboxEvents(settings.BankDb, settings.ClientId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), scenario.Events);
        var expected = scenario.Events * scenario.Endpoints;
        receiver.Take();

        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}: {(scenario.IsBurst ? $"{scenario.Burst:N0} events at once, {settings.BatchSize} per INSERT" : $"{scenario.Rate:0.#} events/s for {scenario.WarmUp.TotalSeconds:0} s warm-up + {scenario.Duration.TotalSeconds:0} s")}"
            + $" over {settings.Connections} connections, {scenario.Endpoints} endpoint(s): {expected:N0} deliveries expected (load average {LoadAverage()})");

        CpuSample? from = null;
        CpuSample? to = null;
        var measuring = Task.CompletedTask;
        Task producing;
        if (scenario.IsBurst)
        {
            from = cpu.Sample();
            producing = events.ProduceBurstAsync(settings.BatchSize, settings.Connections);
        }
        else
        {
            producing = events.ProduceAtRateAsync(scenario.Rate, settings.Connections);
            measuring = Task.Run(async () =>
            {
                await Task.Delay(scenario.WarmUp);
                from = cpu.Sample();
                await Task.Delay(scenario.Duration);
                to = cpu.Sample();
            });
        }

        await producing;
        await WaitForReceiptsAsync(expected);
        await measuring;
        if (scenario.IsBurst)
        {
            to = cpu.Sample();
        }

        // The receiver's count includes redeliveries, so it can reach the expected number early: taken only once bankdb
        // has no delivery of the run left Pending, i.e. every one was answered (and recorded) at least once.
        var (states, unpublished, waited) = await PipelineTrace.WaitForOutcomesAsync(settings.BankDb, settings.ClientId, events, TimeSpan.FromSeconds(30));
        var secrets = endpoints.All.Select(e => e.Secret).ToList();
        var receipts = receiver.Take().Select(r => Receiver.Check(r, secrets)).ToList();
        var traces = await PipelineTrace.ReadAsync(settings.BankDb, settings.ClientId, events);

        var report = RunReport.Of(scenario, events, receipts, traces, states, unpublished, waited, from, to);
        report.Print();
        return report;
    }

    /// <summary>Until every delivery arrived, or none arrived for the drain period.</summary>
    private async Task WaitForReceiptsAsync(int expected)
    {
        var seen = -1;
        var progressAt = Stopwatch.GetTimestamp();
        while (receiver.Count < expected)
        {
            if (receiver.Count != seen)
            {
                seen = receiver.Count;
                progressAt = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(progressAt) > settings.Drain)
            {
                Console.WriteLine($"  Gave up waiting: {seen:N0} of {expected:N0} deliveries, none for {settings.Drain.TotalSeconds:0} s.");
                return;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The machine's 1-minute load average: the other engineer's tests share the cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
