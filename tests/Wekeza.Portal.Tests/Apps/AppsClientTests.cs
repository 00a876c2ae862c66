using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Account;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Tests.Account.Sessions;

namespace Wekeza.Portal.Tests.Apps;

public sealed class AppsClientTests
{
    private const string Issuer = "https://auth.wekeza.test/";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeClock _clock = new(Now);
    private readonly InMemorySessionTokenStorage _storage = new();
    private readonly TestNavigation _navigation = new();
    private readonly List<HttpRequestMessage> _requests = [];
    private readonly List<string?> _bodies = [];
    private HttpResponseMessage _response = new(HttpStatusCode.OK);

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_the_apps_api_under_the_issuer_with_the_sessions_access_token()
    {
        var client = await CreateClientAsync();
        Respond(HttpStatusCode.OK, """{ "data": [ { "name": "accounts.read", "description": "Read accounts" } ] }""");

        var result = await client.GetScopesAsync(Cancellation);

        var scopes = Assert.IsType<ApiResult<IReadOnlyList<ApiScope>>.Success>(result).Value;
        Assert.Equal("accounts.read", Assert.Single(scopes).Name);
        var request = Assert.Single(_requests);
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
        Assert.Equal("Not https.", errors.For(FieldErrors.RedirectUri(0)));
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
        _navigation.NavigateTo("/apps/app_1");
        Respond(HttpStatusCode.Unauthorized, "");

        Assert.IsType<ApiResult<DeveloperApp>.SignInRequired>(await client.GetAsync("app_1", Cancellation));
        Assert.Equal("https://portal.test/account/login?returnUrl=%2Fapps%2Fapp_1", _navigation.Uri);
    }

    [Fact]
    public async Task Without_a_live_session_nothing_is_sent_and_the_user_signs_in_again()
    {
        var client = await CreateClientAsync(sessionId: "expired");

        Assert.IsType<ApiResult<IReadOnlyList<DeveloperApp>>.SignInRequired>(await client.ListAsync(Cancellation));
        Assert.Empty(_requests);
        Assert.StartsWith("https://portal.test/account/login?returnUrl=", _navigation.Uri);
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
        Assert.Equal(HttpMethod.Patch, _requests[0].Method);
        Assert.Equal("""{"description":"New"}""", _bodies[0]);
    }

    private async Task<AppsClient> CreateClientAsync(string? sessionId = null)
    {
        var store = new SessionTokenStore(_storage, new EphemeralDataProtectionProvider(), new NoAuthServerRefresher(), _clock,
            NullLogger<SessionTokenStore>.Instance);
        sessionId ??= await store.CreateAsync(new SessionTokens("access-1", Now.AddMinutes(5), "refresh-1", null, Now.AddHours(8)));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.SessionId, sessionId)], "test"));
        var session = new CurrentSession(new FixedAuthenticationState(user), store, _navigation);
        var http = new HttpClient(new RecordingHandler(this)) { BaseAddress = new Uri(Issuer) };
        return new AppsClient(http, session, NullLogger<AppsClient>.Instance);
    }

    private void Respond(HttpStatusCode status, string body, string mediaType = "application/json") =>
        _response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private sealed class RecordingHandler(AppsClientTests test) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test._requests.Add(request);
            test._bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return test._response;
        }
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class TestNavigation : NavigationManager
    {
        public TestNavigation() => Initialize("https://portal.test/", "https://portal.test/");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).AbsoluteUri;
    }
}
