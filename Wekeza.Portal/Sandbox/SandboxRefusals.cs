using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Portal.Sandbox;

/// <summary>
/// Lifts the sandbox API's 409 problems out of the response before <see cref="Platform.PlatformApiClient"/> reads it:
/// that base reads every 409 as two changes racing ("reload and try again"), but every sandbox 409 is a rule with its
/// own explanation, which the developer must see. <see cref="SandboxClient"/> turns the exception into
/// <see cref="SandboxRefused{T}"/>. Innermost in the client's pipeline, so nothing retries or counts a refusal.
/// </summary>
internal sealed class SandboxRefusals : DelegatingHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            return response;
        }

        // Buffered, so the base client can still read the body of a 409 that is not the sandbox's.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Problem? problem;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            problem = null;
        }

        if (problem?.Code is not { Length: > 0 } code)
        {
            // Not one of the sandbox's problems: the base client's reading stands.
            return response;
        }

        response.Dispose();
        throw new SandboxRefusal(code, problem.Detail ?? problem.Title ?? "The sandbox refused the change.", problem.PaymentIds ?? []);
    }

    private sealed record Problem(string? Code, string? Title, string? Detail, IReadOnlyList<string>? PaymentIds);
}

/// <summary>A sandbox rule's 409, on its way from <see cref="SandboxRefusals"/> to <see cref="SandboxClient"/>.</summary>
internal sealed class SandboxRefusal(string code, string message, IReadOnlyList<string> paymentIds) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<string> PaymentIds { get; } = paymentIds;
}
