namespace Wekeza.IntegrationTests.Robustness;

/// <summary>Sends one request of a flood, built afresh for each try.</summary>
public static class FloodSend
{
    /// <summary>
    /// The answer, or why there was none after a second try. One retry: a server that refuses a body while it is still
    /// being sent (over the limit, chunked) may reset the connection before the client reads the 413, and a pooled
    /// connection can die with it; that is the transport, not an answer. Twice in a row is a finding.
    /// </summary>
    public static async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(HttpClient client, Func<HttpRequestMessage> build, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = build();
            try
            {
                return (await client.SendAsync(message, cancel), null);
            }
            catch (HttpRequestException exception) when (attempt < 2)
            {
                _ = exception;
            }
            catch (HttpRequestException exception)
            {
                return (null, $"no answer a client can read: {exception.Message} {exception.InnerException?.Message}");
            }
        }
    }
}
