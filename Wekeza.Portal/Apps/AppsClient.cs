using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIddict.Abstractions;
using StackExchange.Redis;
using Wekeza.Portal.Account.Sessions;

namespace Wekeza.Portal.Apps;

/// <summary>The apps API over HTTP, with the signed-in developer's access token from the session store.</summary>
internal sealed partial class AppsClient(HttpClient http, CurrentSession session, ILogger<AppsClient> logger) : IAppsClient
{
    /// <summary>The client's name for IHttpClientFactory (and its resilience options).</summary>
    public const string HttpClientName = "apps-api";

    private const string Unreachable = "We could not reach the apps service. Try again in a moment.";

    // Web defaults (camelCase), and no nulls: a PATCH must only carry what it changes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<ApiResult<IReadOnlyList<ApiScope>>> GetScopesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/apps/scopes", null, ReadDataAsync<ApiScope>, cancellationToken);

    public Task<ApiResult<IReadOnlyList<DeveloperApp>>> ListAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/apps", null, ReadDataAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<DeveloperApp>> GetAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AppPath(id), null, ReadAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<CreatedApp>> CreateAsync(CreateAppRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/apps", request, ReadAsync<CreatedApp>, cancellationToken);

    public Task<ApiResult<DeveloperApp>> UpdateAsync(string id, UpdateAppRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, AppPath(id), request, ReadAsync<DeveloperApp>, cancellationToken);

    public Task<ApiResult<RotatedSecret>> RotateSecretAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AppPath(id) + "/secret", null, ReadAsync<RotatedSecret>, cancellationToken);

    public Task<ApiResult<Done>> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, AppPath(id), null, (_, _) => Task.FromResult(new Done()), cancellationToken);

    private static string AppPath(string id) => "v1/apps/" + Uri.EscapeDataString(id);

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
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
            LogCallFailed(exception, method, path);
            return new ApiResult<T>.Failed(Unreachable);
        }
    }

    private async Task<ApiResult<T>> InterpretAsync<T>(
        HttpResponseMessage response, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return new ApiResult<T>.Success(await read(response.Content, cancellationToken));
        }

        switch (response.StatusCode)
        {
            // The contract says 400; 422 is also read as validation, as auth's apps API answers with it.
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
                return new ApiResult<T>.Failed("Your account cannot manage apps: the developer area is for developer accounts.");
            case HttpStatusCode.NotFound:
                return new ApiResult<T>.NotFound();
            default:
                LogUnexpectedStatus((int)response.StatusCode, response.RequestMessage?.RequestUri);
                return new ApiResult<T>.Failed($"Something went wrong on our side ({(int)response.StatusCode}). Try again in a moment.");
        }
    }

    private static async Task<T> ReadAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        await content.ReadFromJsonAsync<T>(Json, cancellationToken)
        ?? throw new JsonException($"The apps API answered with an empty {typeof(T).Name}.");

    private static async Task<IReadOnlyList<T>> ReadDataAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        (await ReadAsync<DataEnvelope<T>>(content, cancellationToken)).Data;

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

    private sealed record DataEnvelope<T>(IReadOnlyList<T> Data);

    private sealed record Problem(string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors);

    [LoggerMessage(LogLevel.Warning, "No access token for the apps API: auth or the session store is unavailable")]
    private partial void LogTokenUnavailable(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Apps API call {Method} {Path} failed")]
    private partial void LogCallFailed(Exception exception, HttpMethod method, string path);

    [LoggerMessage(LogLevel.Error, "Apps API answered {StatusCode} to {RequestUri}")]
    private partial void LogUnexpectedStatus(int statusCode, Uri? requestUri);
}
