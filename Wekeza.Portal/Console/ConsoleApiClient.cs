using System.Net.Http.Headers;
using System.Text;

namespace Wekeza.Portal.Console;

/// <summary>The Open Banking API as the developer's app calls it, with whichever token the console holds.</summary>
public sealed class ConsoleApiClient(HttpClient http, TimeProvider clock, ILogger<ConsoleApiClient> logger)
{
    /// <summary>The client's name for IHttpClientFactory.</summary>
    public const string HttpClientName = "console-api";

    public const string DocumentPath = "/openapi/v1.json";

    private const string Service = "API";

    public Task<ConsoleResponse> GetDocumentAsync(CancellationToken cancellationToken) =>
        SendAsync(new ConsoleRequest("GET", DocumentPath, [], null, TokenKind.None), null, cancellationToken);

    public async Task<ConsoleResponse> SendAsync(ConsoleRequest request, string? accessToken, CancellationToken cancellationToken)
    {
        // Relative to the API's base address, which may carry a path of its own.
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery.TrimStart('/'));
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, ConsoleRequest.JsonMediaType);
        }

        return await ConsoleHttp.SendAsync(http, message, Service, clock, logger, cancellationToken);
    }
}
