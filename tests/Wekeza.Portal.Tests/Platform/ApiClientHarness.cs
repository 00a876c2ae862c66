using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Account;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Tests.Account.Sessions;

namespace Wekeza.Portal.Tests.Platform;

/// <summary>
/// What a platform API client runs on, without a network: a signed-in session whose access token is
/// <see cref="AccessToken"/>, and an HTTP handler that records each request and answers as the test says.
/// </summary>
internal sealed class ApiClientHarness
{
    public const string AccessToken = "access-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemorySessionTokenStorage _storage = new();
    private (HttpStatusCode Status, string Body, string MediaType) _answer = (HttpStatusCode.OK, "", "application/json");

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Bodies { get; } = [];

    public TestNavigation Navigation { get; } = new();

    /// <summary>What every request gets from now on (the client disposes each response, so each is made anew).</summary>
    public void Respond(HttpStatusCode status, string body = "", string mediaType = "application/json") =>
        _answer = (status, body, mediaType);

    /// <summary>An HTTP client at <paramref name="baseAddress"/> and the session it calls as; an unknown session id has no tokens.</summary>
    public async Task<(HttpClient Http, CurrentSession Session)> ConnectAsync(Uri? baseAddress, string? sessionId = null)
    {
        var store = new SessionTokenStore(_storage, new EphemeralDataProtectionProvider(), new NoAuthServerRefresher(), new FakeClock(Now),
            NullLogger<SessionTokenStore>.Instance);
        sessionId ??= await store.CreateAsync(new SessionTokens(AccessToken, Now.AddMinutes(5), "refresh-1", null, Now.AddHours(8)));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.SessionId, sessionId)], "test"));
        var session = new CurrentSession(new FixedAuthenticationState(user), store, Navigation);
        return (new HttpClient(new RecordingHandler(this)) { BaseAddress = baseAddress }, session);
    }

    private sealed class RecordingHandler(ApiClientHarness harness) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            harness.Requests.Add(request);
            harness.Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            var (status, body, mediaType) = harness._answer;
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
        }
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    public sealed class TestNavigation : NavigationManager
    {
        public TestNavigation() => Initialize("https://portal.test/", "https://portal.test/");

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).AbsoluteUri;
    }
}
