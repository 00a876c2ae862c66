using System.Diagnostics;
using System.Globalization;

namespace Wekeza.Bench;

/// <summary>
/// What a run measured. Latency is per delivery: from its event's commit (the INSERT returning) to the receiver entering
/// its handler for that event at that endpoint (first receipt; redeliveries are counted as duplicates). Rate runs count
/// only events due after the warm-up, and their deliveries per second are the receipts that arrived in the measured
/// window; a burst's are all receipts over first commit → last receipt, and its peak the best one-second window.
/// </summary>
internal sealed record RunReport(
    Scenario Scenario,
    double InsertRate,
    Latencies InsertLag,
    int Expected,
    int Received,
    int Duplicates,
    int Invalid,
    int Stray,
    double DeliveriesPerSecond,
    double PeakPerSecond,
    TimeSpan DrainAfterLastCommit,
    Latencies Latency,
    Latencies FromEnvelopeTimestamp,
    IReadOnlyList<(string Stage, Latencies Latencies)> Stages,
    IReadOnlyList<string> Timeline,
    IReadOnlyDictionary<string, int> States,
    int Unpublished,
    TimeSpan OutcomesWaited,
    IReadOnlyList<(string Group, double Cores, double MsPerDelivery)> Cpu,
    TimeSpan CpuWindow)
{
    public int Missing => Expected - Received;

    public int Failed => States.GetValueOrDefault("Failed");

    public int Pending => States.GetValueOrDefault("Pending");

    public bool Clean => Missing == 0 && Invalid == 0 && Stray == 0 && Failed == 0 && Pending == 0 && Unpublished == 0;

    public static RunReport Of(Scenario scenario, OutboxEvents events, IReadOnlyList<CheckedReceipt> receipts, IReadOnlyList<DeliveryTrace> traces,
        IReadOnlyDictionary<string, int> states, int unpublished, TimeSpan waited, CpuSample? from, CpuSample? to)
    {
        var firstCounted = scenario.FirstCounted;
        var first = new Dictionary<(int Event, int Endpoint), CheckedReceipt>();
        int duplicates = 0, invalid = 0, stray = 0;
        foreach (var receipt in receipts)
        {
            invalid += receipt.Valid ? 0 : 1;
            var i = events.IndexOf(receipt.Subject);
            if (i < 0 || receipt.Endpoint >= scenario.Endpoints)
            {
                // Another run's event (a late redelivery), or a delivery to an endpoint this run had disabled.
                stray++;
            }
            else if (!first.TryAdd((i, receipt.Endpoint), receipt))
            {
                duplicates++;
            }
        }

        var counted = first.Where(p => p.Key.Event >= firstCounted).Select(p => (p.Key.Event, Receipt: p.Value)).ToList();
        var latency = new Latencies(counted.Select(c => c.Receipt.ReceivedAt - events.Committed[c.Event]));
        var fromTimestamp = new Latencies(counted.Where(c => c.Receipt.EventTimestamp is not null)
            .Select(c => BenchClock.Ticks(BenchClock.ToUtc(c.Receipt.ReceivedAt) - c.Receipt.EventTimestamp!.Value)));
        var receivedAt = first.Values.Select(r => r.ReceivedAt).Order().ToArray();
        var lastCommit = events.Committed.Max();

        double insertRate;
        double perSecond;
        if (scenario.IsBurst)
        {
            var firstCommit = events.Committed.Min();
            insertRate = events.Count / Seconds(events.Due[0], lastCommit);
            perSecond = receivedAt.Length == 0 ? 0 : receivedAt.Length / Seconds(firstCommit, receivedAt[^1]);
        }
        else
        {
            var windowStart = events.Due[firstCounted];
            var windowEnd = windowStart + BenchClock.Ticks(scenario.Duration);
            insertRate = (events.Count - firstCounted) / Seconds(windowStart, lastCommit);
            perSecond = receivedAt.Count(t => t >= windowStart && t < windowEnd) / scenario.Duration.TotalSeconds;
        }

        var countedTraces = traces.Where(t => t.Event >= firstCounted).ToList();
        Latencies Stage(Func<DeliveryTrace, DateTimeOffset?> stamp) => new(countedTraces.Where(t => stamp(t) is not null)
            .Select(t => BenchClock.TicksBetween(events.Committed[t.Event], stamp(t)!.Value)));
        var stages = new List<(string, Latencies)>
        {
            ("relay: outbox row marked published", Stage(t => t.PublishedAt)),
            ("fan-out: delivery row created", Stage(t => t.CreatedAt)),
            ("dispatcher: first attempt started", Stage(t => t.FirstAttemptAt)),
            ("receiver: request arrived", latency),
            ("dispatcher: attempt completed", Stage(t => t.CompletedAt)),
        };

        var window = from is not null && to is not null ? Stopwatch.GetElapsedTime(from.Ticks, to.Ticks) : TimeSpan.Zero;
        var deliveriesInWindow = from is not null && to is not null ? receivedAt.Count(t => t >= from.Ticks && t < to.Ticks) : 0;
        var cpu = from is null || to is null || window <= TimeSpan.Zero
            ? []
            : to.ByGroup.Keys.Select(group =>
            {
                var used = to.ByGroup[group] - from.ByGroup.GetValueOrDefault(group);
                return (group, used / window, deliveriesInWindow == 0 ? 0 : used.TotalMilliseconds / deliveriesInWindow);
            }).ToList();

        return new RunReport(scenario, insertRate, new Latencies(Enumerable.Range(firstCounted, events.Count - firstCounted).Select(i => events.Committed[i] - events.Due[i])),
            events.Count * scenario.Endpoints, first.Count, duplicates, invalid, stray, perSecond, PeakOneSecond(receivedAt),
            receivedAt.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(lastCommit, Math.Max(lastCommit, receivedAt[^1])),
            latency, fromTimestamp, stages, scenario.IsBurst ? BurstTimeline(events, traces, receivedAt) : [], states, unpublished, waited, cpu, window);
    }

    public void Print()
    {
        Console.WriteLine($"  Events committed: {Scenario.Events:N0} at {InsertRate:N0}/s (INSERT returned after it was due: {InsertLag.Summary(milliseconds: true)} ms)");
        if (!Scenario.IsBurst && InsertRate < Scenario.Rate * 0.95)
        {
            // The events are offered on schedule, but each INSERT is a commit that queues like any other writer's:
            // the pipeline was offered what bankdb let the event source commit, not the rate asked for.
            Console.WriteLine($"  The event source fell behind: {InsertRate:N0} of {Scenario.Rate:0.#} events/s committed; latencies below are at that rate.");
        }

        Console.WriteLine($"  Deliveries: {Received:N0} of {Expected:N0} received, {Duplicates} duplicate(s), {Invalid} bad signature(s), {Stray} stray;"
            + $" {(Scenario.IsBurst ? "first commit → last receipt" : "in the measured window")} {DeliveriesPerSecond:N0}/s, best 1-s window {PeakPerSecond:N0}/s;"
            + $" last receipt {DrainAfterLastCommit.TotalMilliseconds:N0} ms after the last commit");
        Console.WriteLine($"  bankdb after {OutcomesWaited.TotalSeconds:0.0} s: {string.Join(", ", States.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}"
            + $"{(Unpublished > 0 ? $"; {Unpublished:N0} outbox rows still unpublished" : "")}");
        Console.WriteLine($"  Commit → receiver (ms):           {Latency.Summary(milliseconds: true)}");
        Console.WriteLine($"  Envelope timestamp → receiver:    {FromEnvelopeTimestamp.Summary(milliseconds: true)} (the API's OccurredAt, just before the commit; ms precision)");
        Console.WriteLine("  Time from commit to each stage (ms, counted deliveries):");
        foreach (var (stage, latencies) in Stages)
        {
            Console.WriteLine($"    {stage,-38}{latencies.Summary(milliseconds: true)}");
        }

        foreach (var line in Timeline)
        {
            Console.WriteLine("  " + line);
        }

        if (Cpu.Count > 0)
        {
            Console.WriteLine($"  CPU over {CpuWindow.TotalSeconds:0.0} s (cores busy, ms per delivery): "
                + string.Join(", ", Cpu.Select(c => $"{c.Group} {c.Cores:0.00} ({c.MsPerDelivery:0.00})")) + $"; total {Cpu.Sum(c => c.Cores):0.00} cores");
        }
    }

    /// <summary>The most receipts in any one second.</summary>
    private static double PeakOneSecond(long[] sorted)
    {
        var best = 0;
        for (int start = 0, end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= Stopwatch.Frequency)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }

    /// <summary>For a burst: how many rows each stage finished in each 500 ms after the first commit, to see which stage sets the pace.</summary>
    private static List<string> BurstTimeline(OutboxEvents events, IReadOnlyList<DeliveryTrace> traces, long[] receivedAt)
    {
        var zero = events.Committed.Min();
        var step = Stopwatch.Frequency / 2;
        string Row(string what, IEnumerable<long> ticks)
        {
            var buckets = ticks.Select(t => (int)Math.Max(0, (t - zero) / step)).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
            var last = buckets.Count == 0 ? 0 : buckets.Keys.Max();
            return $"{what,-28}" + string.Join(" ", Enumerable.Range(0, last + 1).Select(b => buckets.GetValueOrDefault(b).ToString(CultureInfo.InvariantCulture)));
        }

        long Tick(DateTimeOffset at) => zero + BenchClock.TicksBetween(zero, at);
        var published = traces.GroupBy(t => t.Event).Select(g => g.First().PublishedAt).Where(p => p is not null).Select(p => Tick(p!.Value));
        return
        [
            "Per 500 ms after the first commit:",
            Row("  events published (relay)", published),
            Row("  deliveries created (fan-out)", traces.Where(t => t.CreatedAt is not null).Select(t => Tick(t.CreatedAt!.Value))),
            Row("  first attempts started", traces.Where(t => t.FirstAttemptAt is not null).Select(t => Tick(t.FirstAttemptAt!.Value))),
            Row("  deliveries received", receivedAt),
        ];
    }

    private static double Seconds(long from, long to) => Math.Max(Stopwatch.GetElapsedTime(from, to).TotalSeconds, 1e-6);
}
