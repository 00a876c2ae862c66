using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wekeza.Bench;

/// <summary>
/// One payment's submission: when it went out (Stopwatch ticks, and wall-clock time to compare with the workers'
/// timestamps), when the answer came, and the payment's id (a 202) or why not.
/// </summary>
internal sealed record Submission(PreparedPayment Payment, long Sent, DateTimeOffset SentAt, long Answered, string? PaymentId, string? Failure);

/// <summary>
/// <c>POST /v1/payments</c> for every prepared payment, each with a new Idempotency-Key: <c>concurrency</c> workers,
/// each sending one request after another on its own keep-alive connection (a closed loop, as <see cref="LoadRun"/>),
/// until every payment has been sent once. A count, not a duration: each consent pays once.
/// </summary>
internal static class PaymentLoad
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<Submission[]> RunAsync(HttpClient http, Uri endpoint, IReadOnlyList<PreparedPayment> payments, int concurrency,
        Action<string> accepted)
    {
        var results = new Submission[payments.Count];
        var next = -1;

        async Task WorkAsync()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < payments.Count;)
            {
                results[i] = await SubmitAsync(http, endpoint, payments[i]);
                if (results[i].PaymentId is { } id)
                {
                    accepted(id);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)));
        return results;
    }

    private static async Task<Submission> SubmitAsync(HttpClient http, Uri endpoint, PreparedPayment payment)
    {
        var content = new ByteArrayContent(payment.Body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = payment.Bearer;
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var sentAt = DateTimeOffset.UtcNow;
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var answered = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new Submission(payment, sent, sentAt, answered, null, Describe(response.StatusCode, body));
            }

            using var json = JsonDocument.Parse(body);
            return new Submission(payment, sent, sentAt, answered, json.RootElement.GetProperty("paymentId").GetString(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new Submission(payment, sent, sentAt, Stopwatch.GetTimestamp(), null, ex.GetType().Name);
        }
    }

    /// <summary>"409 consent_consumed": the status and the problem's stable code, which is what tells failures apart.</summary>
    private static string Describe(HttpStatusCode status, byte[] body)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var problem) ? $"{code} {problem.GetString()}" : code;
        }
        catch (JsonException)
        {
            return code;
        }
    }
}
