using System.Diagnostics;
using System.Globalization;

namespace Wekeza.Bench;

/// <summary>
/// What an open-loop run counted. <see cref="LoadResult.Latencies"/> run from each request's intended send time, so a
/// server that stalls is charged for every request that should have gone out meanwhile; <see cref="ServiceTimes"/> run
/// from when it actually went out, and <see cref="SendLag"/> is the difference: the load generator's own lateness.
/// </summary>
internal sealed record RateResult(LoadResult Load, Latencies ServiceTimes, Latencies SendLag, double Rate, int MaxInFlight);

/// <summary>
/// Requests at a fixed rate whatever the server does (an open loop, as real clients arrive), never waiting for a reply
/// before sending the next: no coordinated omission. Requests due during warm-up are sent but not counted.
/// </summary>
internal static class RateRun
{
    public static async Task<RateResult> RunAsync(Func<HttpRequestMessage> createRequest, HttpClient http, double rate, TimeSpan warmUp, TimeSpan duration)
    {
        var total = (int)Math.Ceiling((warmUp + duration).TotalSeconds * rate);
        var firstCounted = (int)Math.Ceiling(warmUp.TotalSeconds * rate);
        var schedule = new Schedule(total, Stopwatch.Frequency / rate);
        var inFlight = 0;
        var maxInFlight = 0;

        async Task SendAsync(int i, long intended)
        {
            var sent = Stopwatch.GetTimestamp();
            var now = Interlocked.Increment(ref inFlight);
            if (i >= firstCounted)
            {
                InterlockedMax(ref maxInFlight, now);
            }

            try
            {
                using var request = createRequest();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                schedule.Failures[i] = response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Which exception, and why: under overload the reason (refused, reset, timed out) is the finding.
                var reason = ex.InnerException?.Message ?? ex.Message;
                schedule.Failures[i] = $"{ex.GetType().Name} ({(reason.Length > 60 ? reason[..60] + "…" : reason)})";
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            var done = Stopwatch.GetTimestamp();
            schedule.FromIntended[i] = done - intended;
            schedule.Service[i] = done - sent;
            schedule.Lag[i] = sent - intended;
        }

        // Started on the dispatcher's own thread: up to the first wait (a free connection, the answer) that is only
        // writing the request, and a hop through the thread pool per request would cost a thread wake-up each.
        await schedule.DispatchAsync(SendAsync);

        var counted = Enumerable.Range(firstCounted, total - firstCounted).ToList();
        var errors = counted.Where(i => schedule.Failures[i] is not null).GroupBy(i => schedule.Failures[i]!).ToDictionary(g => g.Key, g => g.Count());
        var successes = counted.Where(i => schedule.Failures[i] is null).ToList();
        return new RateResult(
            new LoadResult(new Latencies(successes.Select(i => schedule.FromIntended[i])), errors, duration),
            new Latencies(successes.Select(i => schedule.Service[i])),
            new Latencies(counted.Select(i => schedule.Lag[i])),
            rate,
            maxInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>Request i is due at start + i × interval; one per-request slot for each measurement, so no locks.</summary>
    private sealed class Schedule(int total, double intervalTicks)
    {
        public long[] FromIntended { get; } = new long[total];

        public long[] Service { get; } = new long[total];

        public long[] Lag { get; } = new long[total];

        public string?[] Failures { get; } = new string?[total];

        /// <summary>
        /// A dedicated thread wakes about every millisecond and starts everything due by then. It sleeps rather than
        /// spins: on a small machine a spinning generator would steal the server's cores. The lateness this costs
        /// (about a millisecond, more when the machine is busy) is counted against the server, and shown as the send lag.
        /// </summary>
        public async Task DispatchAsync(Func<int, long, Task> send)
        {
            var sends = new Task[total];
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                var start = Stopwatch.GetTimestamp();
                var next = 0;
                while (next < total)
                {
                    var now = Stopwatch.GetTimestamp();
                    for (long due; next < total && (due = start + (long)(next * intervalTicks)) <= now; next++)
                    {
                        sends[next] = send(next, due);
                    }

                    if (next < total)
                    {
                        Thread.Sleep(1);
                    }
                }

                done.SetResult();
            })
            { IsBackground = true, Name = "rate dispatcher", Priority = ThreadPriority.AboveNormal };
            thread.Start();
            await done.Task;
            await Task.WhenAll(sends);
        }
    }
}
