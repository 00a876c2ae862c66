using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>The PRD's journey steps 1–4, through the real pages, the real mail folder and the real token endpoint.</summary>
public sealed class OnboardingTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_developer_registers_verifies_creates_an_app_and_calls_the_api_with_its_credentials()
    {
        var developer = Person.NewDeveloper();
        using var browser = new Browser(platform);

        using var registered = await _journeys.RegisterAsync(browser, developer);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/account/register-confirmation", registered.Headers.Location!.OriginalString);

        var email = await _journeys.Mailbox.WaitForAsync(developer.Email, "Verify your email", Cancel);
        Assert.Contains("/account/confirm-email?userId=", Mailbox.LinkIn(email));
        await _journeys.VerifyAsync(browser, developer);

        var tokens = await _journeys.PortalTokensAsync(developer);
        using var apps = _journeys.AppsApi(tokens.GetProperty("access_token").GetString()!);
        using var created = await apps.PostAsJsonAsync("/v1/apps", new
        {
            name = "Chama Ledger",
            description = "Savings groups",
            redirectUris = new[] { "https://chama.example/callback", "http://localhost:5000/callback" },
            scopes = new[] { "accounts.read", "transactions.read" },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var clientId = body.GetProperty("app").GetProperty("clientId").GetString()!;
        var secret = body.GetProperty("clientSecret").GetString()!;
        Assert.StartsWith("sbx_", clientId);
        Assert.StartsWith("wk_sbx_sk_", secret);

        // The secret is shown once: reading the app back never returns it.
        var read = await apps.GetStringAsync(created.Headers.Location, Cancel);
        Assert.DoesNotContain(secret, read);
        Assert.DoesNotContain("clientSecret", read);

        using var token = await _journeys.TokenAsync(clientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString();

        using var api = platform.CreateClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        // An app's first call with its own credentials: asking a customer for access.
        using var consent = await api.PostAsJsonAsync("/v1/consents",
            new { permissions = new[] { "ReadAccounts" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) }, Cancel);
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
    }

    [Fact]
    public async Task Signing_in_before_verifying_the_email_is_refused_and_says_why()
    {
        var developer = Person.NewDeveloper();
        using var browser = new Browser(platform);
        (await _journeys.RegisterAsync(browser, developer)).Dispose();

        using var signIn = await _journeys.SignInAsync(browser, developer);

        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("Verify your email address before signing in", await signIn.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain(signIn.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(v => v.StartsWith("wekeza.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("short1A", "at least 12 characters")]
    [InlineData("alllowercaseletters9", "uppercase")]
    [InlineData("Password-Is-Long-9", "common words")]
    public async Task A_weak_password_is_refused_and_no_account_is_created(string password, string message)
    {
        var developer = Person.NewDeveloper() with { Password = password };
        using var browser = new Browser(platform);

        using var response = await _journeys.RegisterAsync(browser, developer);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
        await Task.Delay(300, Cancel);
        Assert.Equal(0, _journeys.Mailbox.Count(developer.Email));
    }

    [Fact]
    public async Task Passwords_that_do_not_match_and_a_malformed_email_are_named_and_create_nothing()
    {
        var developer = Person.NewDeveloper();
        using var browser = new Browser(platform);

        using var mismatch = await _journeys.RegisterAsync(browser, developer, confirmPassword: developer.Password + "x");
        using var badEmail = await _journeys.RegisterAsync(browser, developer with { Email = "not-an-email" });

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two passwords do not match.", await mismatch.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("Enter a valid email address", await badEmail.Content.ReadAsStringAsync(Cancel));
        using var signIn = await _journeys.SignInAsync(browser, developer);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(0, _journeys.Mailbox.Count(developer.Email));
    }

    [Fact]
    public async Task Registering_the_same_email_twice_is_refused_and_sends_nothing_more()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        var emailsBefore = _journeys.Mailbox.Count(developer.Email);
        using var browser = new Browser(platform);

        using var response = await _journeys.RegisterAsync(browser, developer with { Password = "Another-Strong-Pass-42" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(emailsBefore, _journeys.Mailbox.Count(developer.Email));
        // The original password still signs in: nothing about the account changed.
        using var signIn = await _journeys.SignInAsync(browser, developer);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        using var browser = new Browser(platform);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await _journeys.SignInAsync(browser, developer with { Password = "Not-The-Password-1" });
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }

        using var right = await _journeys.SignInAsync(browser, developer);

        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link_and_the_link_works_once()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        using var browser = new Browser(platform);
        var page = new Uri(_journeys.Auth, "account/forgot-password");
        var html = await (await browser.GetAsync(page.AbsoluteUri)).Content.ReadAsStringAsync(Cancel);
        (await browser.SubmitAsync(page, html, new Dictionary<string, string> { ["Email"] = developer.Email })).Dispose();

        var link = new Uri(Mailbox.LinkIn(await _journeys.Mailbox.WaitForAsync(developer.Email, "Reset your Wekeza password", Cancel)));
        var resetPage = await (await browser.GetAsync(link.AbsoluteUri)).Content.ReadAsStringAsync(Cancel);
        var changed = developer with { Password = "Fresh-Mountain-Air-77" };
        using var reset = await browser.SubmitAsync(link, resetPage, new Dictionary<string, string> { ["Password"] = changed.Password, ["ConfirmPassword"] = changed.Password });
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync(Cancel));

        using var again = await browser.SubmitAsync(link, resetPage, new Dictionary<string, string> { ["Password"] = "Yet-Another-Pass-88", ["ConfirmPassword"] = "Yet-Another-Pass-88" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        using var oldPassword = await _journeys.SignInAsync(browser, developer);
        Assert.Equal(HttpStatusCode.BadRequest, oldPassword.StatusCode);
        using var newPassword = await _journeys.SignInAsync(browser, changed);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }
}
