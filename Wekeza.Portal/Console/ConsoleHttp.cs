namespace Wekeza.Portal.Console;

/// <summary>
/// Sends one request for the console and times it; every failure becomes a <see cref="ConsoleResponse"/> with words
/// instead of an exception, so nothing the network does reaches the circuit.
/// </summary>
internal static partial class ConsoleHttp
{
    public static async Task<ConsoleResponse> SendAsync(
        HttpClient http, HttpRequestMessage request, string service, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            return ConsoleResponse.Unreachable($"The portal has no address for the {service}, so the console cannot call it.", TimeSpan.Zero);
        }

        var started = clock.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Select(header => new ConsoleHeader(header.Key, string.Join(", ", header.Value)))
                .ToList();
            var location = response.Headers.Location is { } where && !where.IsAbsoluteUri && request.RequestUri is { } sent
                ? new Uri(sent.IsAbsoluteUri ? sent : new Uri(http.BaseAddress, sent), where)
                : response.Headers.Location;
            return new ConsoleResponse((int)response.StatusCode, response.ReasonPhrase, clock.GetElapsedTime(started), headers, body,
                response.Content.Headers.ContentType?.MediaType, location, null);
        }
        catch (HttpRequestException exception)
        {
            LogFailed(logger, exception, request.Method, service, PathOf(request));
            return ConsoleResponse.Unreachable($"We could not reach the {service}: {exception.Message}", clock.GetElapsedTime(started));
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, request.Method, service, PathOf(request));
            return ConsoleResponse.Unreachable(
                $"The {service} did not answer within {http.Timeout.TotalSeconds:0} seconds.", clock.GetElapsedTime(started));
        }
    }

    // Queries carry consent ids and PKCE challenges: useful, but nothing a log needs.
    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.OriginalString.Split('?', 2)[0] ?? "";

    [LoggerMessage(LogLevel.Warning, "Console call {Method} {Path} to the {Service} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, HttpMethod method, string service, string path);
}
