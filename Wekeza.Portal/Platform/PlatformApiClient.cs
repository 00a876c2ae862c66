using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIddict.Abstractions;
using StackExchange.Redis;
using Wekeza.Portal.Account.Sessions;

namespace Wekeza.Portal.Platform;

/// <summary>
/// Calls one of the platform's APIs as the signed-in person, with their access token from the session store, and
/// reads the answer (a body, or problem+json) into an <see cref="ApiResult{T}"/>. Each API's client says in its own
/// words what a person sees when the service is down or refuses them.
/// </summary>
internal abstract partial class PlatformApiClient(HttpClient http, CurrentSession session, ILogger logger)
{
    // Web defaults (camelCase), and no nulls: a PATCH must only carry what it changes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What the person sees when the service cannot be reached or answers nonsense.</summary>
    protected abstract string Unreachable { get; }

    /// <summary>What the person sees for a 403, given the problem's <c>code</c> (null when it has none).</summary>
    protected abstract string Forbidden(string? code);

    protected async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            // The service is not configured (no service discovery entry): there is nowhere to send the call.
            return new ApiResult<T>.Failed(Unreachable);
        }

        string? accessToken;
        try
        {
            accessToken = await session.GetAccessTokenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or RedisException
                                              or OpenIddictExceptions.ProtocolException or InvalidOperationException)
        {
            // Auth or Redis is down: a message on the page, not a broken circuit.
            LogTokenUnavailable(exception);
            return new ApiResult<T>.Failed(Unreachable);
        }

        if (accessToken is null)
        {
            return new ApiResult<T>.SignInRequired();
        }

        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return await InterpretAsync(response, read, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
                                              || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCallFailed(exception, method, WithoutQuery(path));
            return new ApiResult<T>.Failed(Unreachable);
        }
    }

    protected static async Task<T> ReadAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        await content.ReadFromJsonAsync<T>(Json, cancellationToken)
        ?? throw new JsonException($"The API answered with an empty {typeof(T).Name}.");

    /// <summary>The items of a list envelope (<c>{ "data": [...] }</c>).</summary>
    protected static async Task<IReadOnlyList<T>> ReadDataAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        (await ReadAsync<DataEnvelope<T>>(content, cancellationToken)).Data;

    protected static Task<Done> ReadNothingAsync(HttpContent content, CancellationToken cancellationToken) => Task.FromResult(new Done());

    private async Task<ApiResult<T>> InterpretAsync<T>(
        HttpResponseMessage response, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return new ApiResult<T>.Success(await read(response.Content, cancellationToken));
        }

        switch (response.StatusCode)
        {
            // The apps contract says 400 for validation; the bank API (and auth in practice) answers 422. Both read alike.
            case HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity:
                var problem = await ReadProblemAsync(response.Content, cancellationToken);
                return problem?.Errors is { Count: > 0 } errors
                    ? new ApiResult<T>.Invalid(new FieldErrors(errors))
                    : new ApiResult<T>.Failed(problem?.Detail ?? problem?.Title ?? "The request was not accepted.");
            case HttpStatusCode.Unauthorized:
                // The token was refused although it looked fresh (revoked at auth): only a new sign-in helps.
                session.SignInAgain();
                return new ApiResult<T>.SignInRequired();
            case HttpStatusCode.Forbidden:
                return new ApiResult<T>.Failed(Forbidden((await ReadProblemAsync(response.Content, cancellationToken))?.Code));
            case HttpStatusCode.NotFound:
                return new ApiResult<T>.NotFound();
            case HttpStatusCode.Conflict:
                return Conflict<T>(await ReadProblemAsync(response.Content, cancellationToken));
            default:
                LogUnexpectedStatus((int)response.StatusCode, response.RequestMessage?.Method, response.RequestMessage?.RequestUri?.AbsolutePath);
                return new ApiResult<T>.Failed($"Something went wrong on our side ({(int)response.StatusCode}). Try again in a moment.");
        }
    }

    /// <summary>
    /// A 409: two changes raced (the APIs' optimistic concurrency; nothing was saved, and a retry starts from fresh
    /// data), or a rule of the resource's state refused this one, whose <c>detail</c> says what to do.
    /// </summary>
    protected virtual ApiResult<T> Conflict<T>(Problem? problem) =>
        problem is { Code: { } code, Detail: { Length: > 0 } detail } && !RaceCodes.Contains(code)
            ? new ApiResult<T>.Failed(detail)
            : new ApiResult<T>.Failed("This changed at the same moment somewhere else. Reload the page to see where it stands, then try again.");

    // The catalog's "changed meanwhile" codes (docs/errors.md): on a page, reloading is what to do.
    private static readonly HashSet<string> RaceCodes = ["conflict", "consent_changed", "webhook_endpoint_changed"];

    private static async Task<Problem?> ReadProblemAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Query strings carry search terms (a customer's subject in the consent lookup), which stay out of the logs.
    private static string WithoutQuery(string path) => path.Split('?', 2)[0];

    private sealed record DataEnvelope<T>(IReadOnlyList<T> Data);

    /// <summary>What the portal reads of a problem: the catalog's fields, and the extensions a page acts on.</summary>
    protected sealed record Problem(string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors, IReadOnlyList<string>? PaymentIds);

    [LoggerMessage(LogLevel.Warning, "No access token for the API call: auth or the session store is unavailable")]
    private partial void LogTokenUnavailable(Exception exception);

    [LoggerMessage(LogLevel.Warning, "API call {Method} {Path} failed")]
    private partial void LogCallFailed(Exception exception, HttpMethod method, string path);

    [LoggerMessage(LogLevel.Error, "API answered {StatusCode} to {Method} {Path}")]
    private partial void LogUnexpectedStatus(int statusCode, HttpMethod? method, string? path);
}
