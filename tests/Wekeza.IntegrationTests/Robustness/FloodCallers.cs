using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.GoLive;
using Wekeza.IntegrationTests.Identity;
using Wekeza.IntegrationTests.Payments;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>Who sends a request: each kind of token the API knows, so that some token gets every operation past authorization.</summary>
public enum CallerKind
{
    App,
    CustomerAccounts,
    CustomerPayment,
    Developer,
    Admin,
}

/// <summary>A sandbox app of the flood's developer, with its own token, budget and resources to aim at.</summary>
public sealed record FloodApp(Journeys.CreatedApp App, string Token, string ConsentId, string PaymentConsentId, string EndpointId);

/// <summary>
/// The flood's callers: one developer owning several sandbox apps (each app's rate-limit budget is its own, so the
/// flood spreads over as many as it needs instead of raising the stack's limits), a customer who authorised the first
/// app for accounts and for a payment, and the administrator.
/// </summary>
public sealed class FloodCallers
{
    public const string AppScopes = "accounts.read transactions.read payments.write";
    private const string PortalScopes = "openid profile email roles offline_access apps.manage webhooks.manage sandbox.manage consents.manage";

    private readonly PlatformFixture _platform;
    private readonly PaymentJourney _payments;

    private FloodCallers(PlatformFixture platform)
    {
        _platform = platform;
        _payments = new PaymentJourney(platform);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Journeys Journeys => _payments.Journeys;

    public string DeveloperToken { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string CustomerAccountsToken { get; private set; } = "";

    public string CustomerPaymentToken { get; private set; } = "";

    /// <summary>The account the customer shared (and pays from).</summary>
    public string AccountId { get; private set; } = "";

    /// <summary>The customer's app: every customer token spends its budget.</summary>
    public FloodApp CustomerApp { get; private set; } = null!;

    /// <summary>The apps whose own tokens carry the flood (the customer's app excluded).</summary>
    public List<FloodApp> Apps { get; } = [];

    public static async Task<FloodCallers> CreateAsync(PlatformFixture platform)
    {
        var callers = new FloodCallers(platform);
        var developer = await callers.Journeys.NewVerifiedDeveloperAsync();
        callers.DeveloperToken = await callers.PortalTokenAsync(developer);
        callers.AdminToken = await callers.PortalTokenAsync(GoLiveTests.Admin);
        callers.CustomerApp = await callers.NewAppAsync();
        await callers.AuthoriseCustomerAsync();
        await callers.AddAppAsync();
        return callers;
    }

    public string TokenOf(CallerKind kind, FloodApp app) => kind switch
    {
        CallerKind.App => app.Token,
        CallerKind.CustomerAccounts => CustomerAccountsToken,
        CallerKind.CustomerPayment => CustomerPaymentToken,
        CallerKind.Developer => DeveloperToken,
        _ => AdminToken,
    };

    /// <summary>Whose rate-limit budget a caller spends: the portal's tokens are the platform's own (Internal tier), not an app's.</summary>
    public static bool SpendsAppBudget(CallerKind kind) => kind is CallerKind.App or CallerKind.CustomerAccounts or CallerKind.CustomerPayment;

    public async Task<FloodApp> AddAppAsync()
    {
        var app = await NewAppAsync();
        Apps.Add(app);
        return app;
    }

    /// <summary>A new sandbox app of the developer's with a consent, a payment consent and a webhook endpoint to aim at.</summary>
    public async Task<FloodApp> NewAppAsync()
    {
        using var apps = Journeys.AppsApi(DeveloperToken);
        var redirectUri = $"https://flood-{Guid.NewGuid():N}.example/callback";
        using var created = await apps.PostAsJsonAsync("/v1/apps",
            new { name = "Flood test", redirectUris = new[] { redirectUri }, scopes = AppScopes.Split(' ') }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var app = new Journeys.CreatedApp(body.GetProperty("app").GetProperty("id").GetString()!, body.GetProperty("app").GetProperty("clientId").GetString()!,
            body.GetProperty("clientSecret").GetString()!, redirectUri);

        using var token = await Journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = AppScopes });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;

        using var api = _payments.Consents.Api(accessToken);
        var consentId = await _payments.Consents.CreateConsentAsync(app);
        var paymentConsentId = await _payments.CreateConsentAsync(app, PaymentJourney.Initiation());
        using var endpoint = await api.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = "http://localhost:9/flood", eventTypes = new[] { "payment.completed" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, endpoint.StatusCode);
        var endpointId = (await endpoint.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("endpoint").GetProperty("id").GetString()!;
        return new FloodApp(app, accessToken, consentId, paymentConsentId, endpointId);
    }

    /// <summary>The customer shares an account with the customer's app, and authorises a payment from it.</summary>
    private async Task AuthoriseCustomerAsync()
    {
        var customer = ConsentJourney.Customer(0);
        AccountId = await _payments.OpenFundedAccountAsync(0, 10_000m);
        var tokens = await _payments.Consents.AuthoriseAsync(CustomerApp.App, CustomerApp.ConsentId, customer, AccountId);
        CustomerAccountsToken = tokens.GetProperty("access_token").GetString()!;
        CustomerPaymentToken = await _payments.AuthoriseAsync(CustomerApp.App, CustomerApp.PaymentConsentId, customer, AccountId);
    }

    private async Task<string> PortalTokenAsync(Person person) =>
        (await Journeys.PortalTokensAsync(person, PortalScopes)).GetProperty("access_token").GetString()!;

    /// <summary>Puts each app's sandbox back as it was (the incoming transactions the flood booked, its clock).</summary>
    public async Task ResetSandboxesAsync()
    {
        foreach (var app in Apps.Append(CustomerApp))
        {
            using var api = _platform.CreateClient("api");
            api.DefaultRequestHeaders.Authorization = new("Bearer", app.Token);
            using var reset = await api.PostAsync("/v1/sandbox/reset", null, Cancel);
        }
    }
}
