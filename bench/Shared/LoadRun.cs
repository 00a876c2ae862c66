using System.Diagnostics;

namespace Wekeza.Bench;

/// <summary>What a load run counted: the latency of each success, and failures by status code or exception.</summary>
internal sealed record LoadResult(Latencies Latencies, IReadOnlyDictionary<string, int> Errors, TimeSpan Measured)
{
    public int Errored => Errors.Values.Sum();

    public double PerSecond => Latencies.Count / Measured.TotalSeconds;
}

/// <summary>
/// N workers, each sending one request after another on its own keep-alive connection: a closed loop, so throughput
/// is what the server sustains at that concurrency. Requests started during warm-up are not counted.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(Func<HttpRequestMessage> createRequest, HttpClient http, int workers, TimeSpan warmUp, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        var runs = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(createRequest, http, measureFrom, stopAt))).ToArray();
        var results = await Task.WhenAll(runs);
        var measured = Stopwatch.GetElapsedTime(measureFrom);

        var errors = new Dictionary<string, int>();
        foreach (var (_, workerErrors) in results)
        {
            foreach (var (key, count) in workerErrors)
            {
                errors[key] = errors.GetValueOrDefault(key) + count;
            }
        }

        return new LoadResult(new Latencies(results.SelectMany(r => r.Latencies)), errors, measured);
    }

    private static async Task<(List<long> Latencies, Dictionary<string, int> Errors)> WorkAsync(
        Func<HttpRequestMessage> createRequest, HttpClient http, long measureFrom, long stopAt)
    {
        var latencies = new List<long>(capacity: 16_384);
        var errors = new Dictionary<string, int>();
        while (true)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= stopAt)
            {
                return (latencies, errors);
            }

            string? failure;
            try
            {
                using var request = createRequest();
                // ResponseContentRead: the whole body is read, so the connection goes back to the pool for the next request.
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                failure = response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failure = ex.GetType().Name;
            }

            if (sent < measureFrom)
            {
                continue;
            }

            if (failure is null)
            {
                latencies.Add(Stopwatch.GetTimestamp() - sent);
            }
            else
            {
                errors[failure] = errors.GetValueOrDefault(failure) + 1;
            }
        }
    }
}
