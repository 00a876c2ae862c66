using System.Diagnostics;

namespace Wekeza.Bench;

/// <summary>
/// What the timed phase counted. Rates run from the first POST to the last 202 (accepted) or to the last payment seen
/// Completed (completed): the whole burst, ramp-up and drain included. Latencies are per payment from its POST.
/// </summary>
internal sealed record Outcome(
    IReadOnlyList<Submission> Accepted,
    IReadOnlyList<Submission> Completed,
    TimeSpan AcceptedSpan,
    TimeSpan CompletedSpan,
    Latencies AcceptLatency,
    Latencies CompleteLatency,
    Latencies StampedLatency,
    IReadOnlyDictionary<string, int> SubmitFailures,
    IReadOnlyDictionary<string, int> FinalStates,
    int Submitted,
    TimeSpan DrainAfterLastAccept)
{
    private const string CompletedStatus = "Completed";

    public double AcceptedPerSecond => Accepted.Count == 0 ? 0 : Accepted.Count / AcceptedSpan.TotalSeconds;

    public double CompletedPerSecond => Completed.Count == 0 ? 0 : Completed.Count / CompletedSpan.TotalSeconds;

    public bool AllCompleted => Completed.Count == Submitted;

    public static Outcome Of(Submission[] submissions, CompletionWatcher watcher, IReadOnlyDictionary<string, FinalState> states, TimeSpan timeout)
    {
        var start = submissions.Min(s => s.Sent);
        var accepted = submissions.Where(s => s.PaymentId is not null).ToList();
        var completed = accepted
            .Where(s => states.TryGetValue(s.PaymentId!, out var state) && state.Status == CompletedStatus && watcher.FinishedAt.ContainsKey(s.PaymentId!))
            .ToList();
        var lastAccepted = accepted.Count == 0 ? start : accepted.Max(s => s.Answered);
        var lastCompleted = completed.Count == 0 ? start : completed.Max(s => watcher.FinishedAt[s.PaymentId!]);

        var finals = accepted
            .Select(s => states.TryGetValue(s.PaymentId!, out var state)
                ? state.Status is "Pending" or "AcceptedSettlementInProcess"
                    ? $"{state.Status} (not final {timeout.TotalSeconds:0} s after the last POST)"
                    : state.ReasonCode is null ? state.Status : $"{state.Status} ({state.ReasonCode})"
                : "not in bankdb")
            .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        return new Outcome(
            accepted,
            completed,
            Stopwatch.GetElapsedTime(start, lastAccepted),
            Stopwatch.GetElapsedTime(start, lastCompleted),
            new Latencies(accepted.Select(s => s.Answered - s.Sent)),
            new Latencies(completed.Select(s => watcher.FinishedAt[s.PaymentId!] - s.Sent)),
            // The workers stamp StatusUpdatedAt inside their transaction, a little before it commits: a lower bound.
            new Latencies(completed.Select(s => (states[s.PaymentId!].StatusUpdatedAt - s.SentAt).Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond)),
            submissions.Where(s => s.Failure is not null).GroupBy(s => s.Failure!).ToDictionary(g => g.Key, g => g.Count()),
            finals,
            submissions.Length,
            Stopwatch.GetElapsedTime(lastAccepted, lastCompleted));
    }

    public void Print()
    {
        Console.WriteLine($"  {"accepted",-12}{Accepted.Count:N0} of {Submitted:N0} in {AcceptedSpan.TotalSeconds:0.00} s: {AcceptedPerSecond:0.0}/s; "
            + $"refused: {Describe(SubmitFailures)}");
        Console.WriteLine($"  {"latency ms",-12}{AcceptLatency.Summary(milliseconds: true)}   (POST → 202)");
        Console.WriteLine($"  {"completed",-12}{Completed.Count:N0} of {Accepted.Count:N0} accepted, the last {CompletedSpan.TotalSeconds:0.00} s after the first POST "
            + $"({DrainAfterLastAccept.TotalSeconds:0.00} s after the last 202): {CompletedPerSecond:0.0}/s");
        Console.WriteLine($"  {"latency ms",-12}{CompleteLatency.Summary(milliseconds: true)}   (POST → seen Completed in bankdb)");
        Console.WriteLine($"  {"stamped ms",-12}{StampedLatency.Summary(milliseconds: true)}   (POST → the workers' StatusUpdatedAt)");
        Console.WriteLine($"  {"outcomes",-12}{Describe(FinalStates)}");
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value:N0}"));
}
