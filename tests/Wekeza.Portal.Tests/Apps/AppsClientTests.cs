using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Platform;

namespace Wekeza.Portal.Tests.Apps;

public sealed class AppsClientTests
{
    private const string Issuer = "https://auth.wekeza.test/";

    private readonly ApiClientHarness _api = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_the_apps_api_under_the_issuer_with_the_sessions_access_token()
    {
        var client = await CreateClientAsync();
        Respond(HttpStatusCode.OK, """{ "data": [ { "name": "accounts.read", "description": "Read accounts" } ] }""");

        var result = await client.GetScopesAsync(Cancellation);

        var scopes = Assert.IsType<ApiResult<IReadOnlyList<ApiScope>>.Success>(result).Value;
        Assert.Equal("accounts.read", Assert.Single(scopes).Name);
        var request = Assert.Single(_api.Requests);
        Assert.Equal($"{Issuer}v1/apps/scopes", request.RequestUri?.AbsoluteUri);
        Assert.Equal("Bearer access-1", request.Headers.Authorization?.ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Validation_problems_become_field_errors(HttpStatusCode status)
    {
        var client = await CreateClientAsync();
        Respond(status, """
            { "type": "about:blank", "title": "Invalid app", "status": 400, "code": "validation_failed",
              "errors": { "name": ["Too short."], "redirectUris[0]": ["Not https."] } }
            """, "application/problem+json");

        var result = await client.CreateAsync(new CreateAppRequest("ab", null, ["http://x"], ["accounts.read"]), Cancellation);

        var errors = Assert.IsType<ApiResult<CreatedApp>.Invalid>(result).Errors;
        Assert.Equal("Too short.", errors.For(AppFields.Name));
        Assert.Equal("Not https.", errors.For(AppFields.RedirectUri(0)));
    }

    [Fact]
    public async Task Not_found_is_its_own_result()
    {
        var client = await CreateClientAsync();
        Respond(HttpStatusCode.NotFound, """{ "code": "not_found" }""", "application/problem+json");

        Assert.IsType<ApiResult<DeveloperApp>.NotFound>(await client.GetAsync("app_x", Cancellation));
    }

    [Fact]
    public async Task A_refused_token_sends_the_user_to_sign_in_again()
    {
        var client = await CreateClientAsync();
        _api.Navigation.NavigateTo("/apps/app_1");
        Respond(HttpStatusCode.Unauthorized, "");

        Assert.IsType<ApiResult<DeveloperApp>.SignInRequired>(await client.GetAsync("app_1", Cancellation));
        Assert.Equal("https://portal.test/account/login?returnUrl=%2Fapps%2Fapp_1", _api.Navigation.Uri);
    }

    [Fact]
    public async Task Without_a_live_session_nothing_is_sent_and_the_user_signs_in_again()
    {
        var client = await CreateClientAsync(sessionId: "expired");

        Assert.IsType<ApiResult<IReadOnlyList<DeveloperApp>>.SignInRequired>(await client.ListAsync(Cancellation));
        Assert.Empty(_api.Requests);
        Assert.StartsWith("https://portal.test/account/login?returnUrl=", _api.Navigation.Uri);
    }

    [Fact]
    public async Task A_partial_update_sends_only_what_changes()
    {
        var client = await CreateClientAsync();
        Respond(HttpStatusCode.OK, """
            { "id": "app_1", "clientId": "sbx_1", "name": "Budget Buddy", "description": "New", "environment": "sandbox",
              "status": "active", "redirectUris": ["https://a.example/cb"], "scopes": ["accounts.read"],
              "createdAt": "2026-11-24T10:00:00Z", "updatedAt": "2026-11-24T11:00:00Z", "secretRotatedAt": null }
            """);

        var result = await client.UpdateAsync("app_1", new UpdateAppRequest(Description: "New"), Cancellation);

        Assert.Equal("New", Assert.IsType<ApiResult<DeveloperApp>.Success>(result).Value.Description);
        Assert.Equal(HttpMethod.Patch, _api.Requests[0].Method);
        Assert.Equal("""{"description":"New"}""", _api.Bodies[0]);
    }

    private async Task<AppsClient> CreateClientAsync(string? sessionId = null)
    {
        var (http, session) = await _api.ConnectAsync(new Uri(Issuer), sessionId);
        return new AppsClient(http, session, NullLogger<AppsClient>.Instance);
    }

    private void Respond(HttpStatusCode status, string body, string mediaType = "application/json") => _api.Respond(status, body, mediaType);
}
