using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wekeza.Bench;

/// <summary>A payment ready to submit: its authorised consent, the customer's token bound to it, the exact request body.</summary>
internal sealed record PreparedPayment(int Index, DebtorStream Stream, string ConsentId, AuthenticationHeaderValue Bearer, DateTimeOffset TokenExpiresAt, byte[] Body);

/// <summary>
/// Authorises one payment consent per payment before the clock starts (a single-payment consent pays once). Several
/// sessions work in parallel, each with one signed-in browser per customer, so after the first consent a customer's
/// authorisation is the consent screen and its answer, as for a returning customer.
/// </summary>
internal static class Preparation
{
    public static async Task<PreparedPayment[]> RunAsync(PaymentConsentJourney journey, int count, int sessions, string runId)
    {
        var prepared = new PreparedPayment[count];
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        Exception? firstFailure = null;
        using var failed = new CancellationTokenSource();

        async Task SessionAsync()
        {
            var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
            try
            {
                for (int i; !failed.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < count;)
                {
                    prepared[i] = await PrepareAsync(journey, i, runId, browsers, failed.Token);
                    var finished = Interlocked.Increment(ref done);
                    if (finished % 250 == 0 || finished == count)
                    {
                        Console.WriteLine($"  {finished,6:N0} / {count:N0} consents authorised ({finished / clock.Elapsed.TotalSeconds:0.0}/s)");
                    }
                }
            }
            catch (Exception ex)
            {
                // The first failure stops the other sessions (which then fail with a cancellation); it is the one reported.
                Interlocked.CompareExchange(ref firstFailure, ex, null);
                await failed.CancelAsync();
            }
            finally
            {
                foreach (var browser in browsers.Values)
                {
                    browser.Dispose();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, sessions).Select(_ => Task.Run(SessionAsync)));
        return firstFailure switch
        {
            null => prepared,
            BenchException bench => throw bench,
            var other => throw new BenchException($"Preparing the payment consents failed: {other.GetType().Name}: {other.Message}"),
        };
    }

    private static async Task<PreparedPayment> PrepareAsync(PaymentConsentJourney journey, int index, string runId,
        Dictionary<string, HttpClient> browsers, CancellationToken ct)
    {
        var stream = PaymentPlan.StreamOf(index);
        var initiation = PaymentPlan.Initiation(stream, $"BENCH-{runId}-{index}");
        var consentId = await journey.CreateConsentAsync(initiation, ct);
        if (!browsers.TryGetValue(stream.Customer.Subject, out var browser))
        {
            browsers[stream.Customer.Subject] = browser = journey.NewBrowser();
        }

        var (token, expiresAt) = await journey.AuthoriseAsync(browser, consentId, stream, ct);
        // Serialised now, so the timed phase spends nothing on it. The runtime type of `initiation` is what is written.
        var body = JsonSerializer.SerializeToUtf8Bytes(new { consentId, initiation }, JsonSerializerOptions.Web);
        return new PreparedPayment(index, stream, consentId, new AuthenticationHeaderValue("Bearer", token), expiresAt, body);
    }
}
