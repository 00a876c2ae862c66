using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class HeadlessAuthorizationTests
{
    private const string Redirect = "https://app.example/callback";

    [Fact]
    public void The_s256_challenge_is_the_base64url_sha256_of_the_verifier()
    {
        // RFC 7636, appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

        var pkce = Pkce.Create();
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(pkce.Verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, pkce.Challenge);
        Assert.Equal(43, pkce.Verifier.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", pkce.Verifier);
        Assert.NotEqual(pkce.Verifier, Pkce.Create().Verifier);
        Assert.DoesNotContain(pkce.Verifier, pkce.ToString());
    }

    [Fact]
    public void The_request_carries_the_code_flow_pkce_state_consent_and_the_sandbox_customer()
    {
        var authorization = HeadlessAuthorization.Create("sbx_3f9c", Redirect, ["openid", "payments.write"], "pcn_1", "brian", allow: true,
            ["acc_000201"]);

        Assert.StartsWith("connect/authorize?response_type=code&client_id=sbx_3f9c&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback" +
            "&scope=openid%20payments.write&code_challenge=", authorization.RelativeUri);
        var query = QueryHelpers.ParseQuery(authorization.Query);
        Assert.Equal(authorization.Pkce.Challenge, query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(authorization.State, query["state"]);
        Assert.Equal("pcn_1", query["consent_id"]);
        Assert.Equal("brian", query["sandbox_customer"]);
        Assert.Equal("allow", query["sandbox_decision"]);
        Assert.Equal("acc_000201", query["sandbox_accounts"]);
        Assert.False(query.ContainsKey("code_verifier"));

        var deny = HeadlessAuthorization.Create("sbx_3f9c", Redirect, ["openid"], "cns_1", "amina", allow: false);
        Assert.Equal("deny", QueryHelpers.ParseQuery(deny.Query)["sandbox_decision"]);
        Assert.False(QueryHelpers.ParseQuery(deny.Query).ContainsKey("sandbox_accounts"));
        Assert.NotEqual(authorization.State, deny.State);
    }

    [Fact]
    public void The_code_is_read_from_the_location_of_a_redirect_to_the_redirect_uri_with_our_state()
    {
        var outcome = AuthorizationOutcome.Read(Found($"{Redirect}?code=c%2B1&state=s-1&iss=https%3A%2F%2Fauth"), Redirect, "s-1");

        Assert.Equal("c+1", Assert.IsType<AuthorizationOutcome.Code>(outcome).Value);
    }

    [Fact]
    public void A_code_with_another_state_is_not_used()
    {
        Assert.Contains("state", Unusable(Found($"{Redirect}?code=c1&state=someone-elses"), "s-1"));
        Assert.Contains("state", Unusable(Found($"{Redirect}?code=c1"), "s-1"));
        Assert.Contains("state", Unusable(Found($"{Redirect}?error=access_denied&state=other"), "s-1"));
    }

    [Fact]
    public void A_decline_is_refused_with_auths_error_and_description()
    {
        var outcome = AuthorizationOutcome.Read(Found($"{Redirect}?error=access_denied&error_description=The%20customer%20declined.&state=s-1"),
            Redirect, "s-1");

        Assert.Equal(new OAuthError("access_denied", "The customer declined."), Assert.IsType<AuthorizationOutcome.Refused>(outcome).Error);
    }

    [Fact]
    public void Anything_but_a_redirect_to_the_redirect_uri_is_unusable()
    {
        Assert.Contains("https://auth.wekeza.test/Account/Login", Unusable(Found("https://auth.wekeza.test/Account/Login?ReturnUrl=x&state=s-1"), "s-1"));
        Assert.Contains("https://app.example/other", Unusable(Found("https://app.example/other?code=c1&state=s-1"), "s-1"));
        Assert.Contains("400", Unusable(Answer(HttpStatusCode.BadRequest, """{"error":"invalid_request","error_description":"No consent."}"""), "s-1"));
        Assert.Contains("invalid_request: No consent.", Unusable(Answer(HttpStatusCode.BadRequest, """{"error":"invalid_request","error_description":"No consent."}"""), "s-1"));
        Assert.Contains("200", Unusable(Answer(HttpStatusCode.OK, "<html>Sign in</html>"), "s-1"));
        Assert.Contains("refused", Unusable(ConsoleResponse.Unreachable("Connection refused", TimeSpan.Zero), "s-1"));
        Assert.Contains("neither", Unusable(Found($"{Redirect}?state=s-1"), "s-1"));
    }

    private static string Unusable(ConsoleResponse response, string state) =>
        Assert.IsType<AuthorizationOutcome.Unusable>(AuthorizationOutcome.Read(response, Redirect, state)).Message;

    private static ConsoleResponse Found(string location) =>
        new(302, "Found", TimeSpan.FromMilliseconds(3), [], "", null, new Uri(location), null);

    private static ConsoleResponse Answer(HttpStatusCode status, string body) =>
        new((int)status, status.ToString(), TimeSpan.FromMilliseconds(3), [], body, "application/json", null, null);
}
