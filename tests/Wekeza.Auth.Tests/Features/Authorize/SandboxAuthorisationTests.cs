using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Authorize;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;
using Wekeza.ServiceDefaults.Sandbox;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>
/// A sandbox app authorising as a test customer with one request: the same decision as the consent screen's buttons
/// (recorded at the bank, bound to an authorization, the same principal), and every misuse refused back to the app.
/// </summary>
public sealed class SandboxAuthorisationTests
{
    private static readonly TestCustomers.Persona Amina = TestCustomers.Find("amina")!;

    [Fact]
    public async Task Allow_shares_every_account_the_screen_offers_and_issues_as_the_test_customer()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent());

        var issue = Assert.IsType<AuthorizationDecision.Issue>(outcome);
        var authorised = Assert.Single(bank.Authorised);
        Assert.Equal(("con_1", Amina.Subject, "acc_000101,acc_000102", AuthorizationId),
            (authorised.ConsentId, authorised.Subject, string.Join(",", authorised.Accounts), authorised.AuthorizationId));
        Assert.Equal(Amina.Subject, issue.Principal.GetClaim(Claims.Subject));
        Assert.Equal(Amina.Email, issue.Principal.GetClaim(Claims.Email));
        Assert.Equal("con_1", issue.Principal.GetClaim(ConsentClaims.ConsentId));
        Assert.Equal(AuthorizationId, issue.Principal.GetAuthorizationId());
        Assert.Equal(["openid", "accounts.read"], issue.Principal.GetScopes());
        Assert.Empty(bank.Rejected);
    }

    [Fact]
    public async Task Allow_with_sandbox_accounts_shares_just_those()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_decision"] = "allow", ["sandbox_accounts"] = " acc_000102 " },
            ConsentScreens.AccountConsent());

        Assert.IsType<AuthorizationDecision.Issue>(outcome);
        Assert.Equal(["acc_000102"], Assert.Single(bank.Authorised).Accounts);
    }

    [Fact]
    public async Task Allow_pays_from_the_first_account_the_payment_screen_offers()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.PaymentConsent(), scope: "openid payments.write");

        Assert.Equal("pcon_1", Assert.IsType<AuthorizationDecision.Issue>(outcome).Principal.GetClaim(ConsentClaims.ConsentId));
        Assert.Equal(["acc_000101"], Assert.Single(bank.Authorised).Accounts);
    }

    [Fact]
    public async Task Allow_pays_from_the_account_named()
    {
        var (_, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_accounts"] = "acc_000102" },
            ConsentScreens.PaymentConsent(), scope: "openid payments.write");

        Assert.Equal(["acc_000102"], Assert.Single(bank.Authorised).Accounts);
    }

    [Fact]
    public async Task A_payment_from_two_accounts_is_refused()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_accounts"] = "acc_000101,acc_000102" },
            ConsentScreens.PaymentConsent(), scope: "openid payments.write");

        AssertInvalidRequest(outcome, "A payment leaves one account");
        Assert.Empty(bank.Authorised);
    }

    [Fact]
    public async Task Deny_records_the_rejection_at_the_bank_and_sends_access_denied()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_decision"] = "deny" }, ConsentScreens.AccountConsent());

        var refusal = Assert.IsType<AuthorizationDecision.Refuse>(outcome);
        Assert.Equal(Errors.AccessDenied, refusal.Error);
        Assert.Equal(("con_1", Amina.Subject), Assert.Single(bank.Rejected));
        Assert.Empty(bank.Authorised);
    }

    [Fact]
    public async Task A_test_customer_may_be_named_by_email_in_any_case()
    {
        var faith = TestCustomers.Find("faith")!;
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "Faith.Chebet@Sandbox.Wekeza.Test" },
            ConsentScreens.AccountConsent([ConsentScreens.Account("acc_000301", "Student account")]));

        Assert.Equal(faith.Subject, Assert.IsType<AuthorizationDecision.Issue>(outcome).Principal.GetClaim(Claims.Subject));
        Assert.Equal((faith.Subject, "acc_000301"), (Assert.Single(bank.Authorised).Subject, Assert.Single(bank.Authorised.Single().Accounts)));
    }

    [Fact]
    public async Task A_request_without_a_consent_is_allowed_without_asking_the_bank_to_record_anything()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "brian" }, consent: null, scope: "openid profile");

        var issue = Assert.IsType<AuthorizationDecision.Issue>(outcome);
        Assert.Equal(TestCustomers.Find("brian")!.Subject, issue.Principal.GetClaim(Claims.Subject));
        Assert.Null(issue.Principal.GetClaim(ConsentClaims.ConsentId));
        Assert.Empty(bank.Authorised);
    }

    [Fact]
    public async Task A_production_app_is_refused_before_anyone_is_looked_up()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(), clientId: "live_duka_pay");

        AssertInvalidRequest(outcome, "sandbox_customer is for sandbox apps only");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task A_first_party_client_such_as_the_portal_is_refused()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(), clientId: "wekeza-portal");

        AssertInvalidRequest(outcome, "sandbox_customer is for sandbox apps only");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task A_production_app_sending_only_a_decision_is_refused_too()
    {
        var (outcome, _) = await DecideAsync(new() { ["sandbox_decision"] = "allow" }, ConsentScreens.AccountConsent(), clientId: "live_duka_pay");

        AssertInvalidRequest(outcome, "sandbox_decision is for sandbox apps only");
    }

    [Fact]
    public async Task An_unknown_test_customer_is_refused_with_the_handles_there_are()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "mercy" }, ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, "'mercy' is not a test customer: use one of amina, brian, faith, david, grace, joseph");
        Assert.Equal(0, bank.Asked);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("ALLOW")]
    [InlineData("approve")]
    public async Task A_decision_other_than_allow_or_deny_is_refused(string given)
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_decision"] = given }, ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, $"sandbox_decision must be allow or deny, not '{given}'");
        Assert.Empty(bank.Authorised);
        Assert.Empty(bank.Rejected);
    }

    [Fact]
    public async Task An_account_the_screen_does_not_offer_is_refused_by_name()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_accounts"] = "acc_000101,acc_000201" },
            ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, "sandbox_accounts names acc_000201, which the consent screen does not offer this customer: it offers acc_000101, acc_000102");
        Assert.Empty(bank.Authorised);
    }

    [Fact]
    public async Task Accounts_for_a_request_without_a_consent_are_refused()
    {
        var (outcome, _) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_accounts"] = "acc_000101" }, consent: null, scope: "openid profile");

        AssertInvalidRequest(outcome, "names acc_000101, which the consent screen does not offer this customer: it offers none");
    }

    [Fact]
    public async Task An_empty_account_list_is_refused()
    {
        var (outcome, _) = await DecideAsync(new() { ["sandbox_customer"] = "amina", ["sandbox_accounts"] = " , " }, ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, "sandbox_accounts names no account");
    }

    [Theory]
    [InlineData("sandbox_decision", "allow")]
    [InlineData("sandbox_decision", "deny")]
    [InlineData("sandbox_accounts", "acc_000101")]
    public async Task A_decision_or_accounts_without_a_test_customer_are_refused(string parameter, string value)
    {
        var (outcome, bank) = await DecideAsync(new() { [parameter] = value }, ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, "sandbox_decision and sandbox_accounts need sandbox_customer");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task Switched_off_the_parameters_are_refused()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(), enabled: false);

        AssertInvalidRequest(outcome, "not enabled here");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task A_parameter_sent_twice_is_refused()
    {
        var (outcome, _) = await DecideAsync(new() { ["sandbox_customer"] = new OpenIddictParameter(["amina", "brian"]) }, ConsentScreens.AccountConsent());

        AssertInvalidRequest(outcome, "Send sandbox_customer once");
    }

    [Fact]
    public async Task A_test_customer_not_seeded_here_is_refused()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(), people: []);

        AssertInvalidRequest(outcome, "The test customer amina is not set up at this server");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task Someone_else_with_the_test_customers_email_is_not_them()
    {
        var impostor = new WekezaUser { Id = "someone-else", Email = Amina.Email, UserName = Amina.Email };

        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(), people: [impostor]);

        AssertInvalidRequest(outcome, "is not set up at this server");
        Assert.Equal(0, bank.Asked);
    }

    [Fact]
    public async Task A_customer_the_screen_offers_no_account_can_only_deny()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "joseph" }, ConsentScreens.AccountConsent(accounts: []));

        AssertInvalidRequest(outcome, "offers this customer no account to share (no active account): only sandbox_decision=deny is possible");
        Assert.Empty(bank.Authorised);
    }

    [Fact]
    public async Task When_the_bank_refuses_the_accounts_the_app_is_told_why()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent(),
            bankAnswer: new ConsentDecisionResult(false, "validation_failed", "'acc_000101' is not one of the customer's accounts."));

        AssertInvalidRequest(outcome, "'acc_000101' is not one of the customer's accounts.");
        Assert.Single(bank.Authorised);
    }

    [Fact]
    public async Task A_consent_of_another_app_is_refused_as_for_a_signed_in_customer()
    {
        var (outcome, bank) = await DecideAsync(new() { ["sandbox_customer"] = "amina" }, ConsentScreens.AccountConsent() with { ClientId = "someone-else" });

        AssertInvalidRequest(outcome, "consent_id does not name a consent of this app.");
        Assert.Empty(bank.Authorised);
    }

    [Theory]
    [InlineData("sandbox_customer", true)]
    [InlineData("sandbox_decision", true)]
    [InlineData("sandbox_accounts", true)]
    [InlineData("login_hint", false)]
    public void Any_of_the_parameters_asks_for_headless_authorisation(string parameter, bool asked)
    {
        // As OpenIddict reads a query: a parameter sent empty is still there.
        var request = new OpenIddictRequest(new Dictionary<string, StringValues> { ["client_id"] = ConsentScreens.ClientId, [parameter] = "" });

        Assert.Equal(asked, SandboxAuthorisation.IsAsked(request));
    }

    private const string AuthorizationId = "authz_1";

    private static void AssertInvalidRequest(AuthorizationDecision.Outcome outcome, string description)
    {
        var refusal = Assert.IsType<AuthorizationDecision.Refuse>(outcome);
        Assert.Equal(Errors.InvalidRequest, refusal.Error);
        Assert.Contains(description, refusal.Description, StringComparison.Ordinal);
    }

    /// <summary>A user store the decision can find people in by email and read their roles from.</summary>
    public interface IPeopleStore : IUserEmailStore<WekezaUser>, IUserRoleStore<WekezaUser>;

    /// <summary>
    /// A validated authorization request (as OpenIddict hands it over) with <paramref name="parameters"/>, decided
    /// headlessly against a bank holding <paramref name="consent"/> and authdb holding <paramref name="people"/> (by
    /// default every test customer, as seeded).
    /// </summary>
    private static async Task<(AuthorizationDecision.Outcome Outcome, RecordingBank Bank)> DecideAsync(
        Dictionary<string, OpenIddictParameter> parameters, ConsentScreenData? consent, string clientId = ConsentScreens.ClientId,
        string scope = "openid accounts.read", bool enabled = true, IReadOnlyList<WekezaUser>? people = null, ConsentDecisionResult? bankAnswer = null)
    {
        var request = new OpenIddictRequest { ClientId = clientId, Scope = scope, RedirectUri = "https://duka.example/callback", State = "xyz" };
        if (consent is not null)
        {
            request.SetParameter(AuthorizationDecision.ConsentIdParameter, consent.ConsentId);
        }

        foreach (var (name, value) in parameters)
        {
            request.SetParameter(name, value);
        }

        people ??= [.. TestCustomers.All.Select(p => new WekezaUser { Id = p.Subject, Email = p.Email, UserName = p.Email, DisplayName = p.Name, EmailConfirmed = true })];
        var (store, _) = Fake<IPeopleStore>.Create((method, args) => method switch
        {
            nameof(IPeopleStore.FindByEmailAsync) => people.FirstOrDefault(person => person.Email!.ToUpperInvariant() == (string)args[0]!),
            nameof(IPeopleStore.GetRolesAsync) => new List<string> { Roles.Customer },
            nameof(IPeopleStore.GetUserIdAsync) => ((WekezaUser)args[0]!).Id,
            _ => null,
        });
        var (applications, _) = Fake<IOpenIddictApplicationManager>.Create((method, _) => method switch
        {
            nameof(IOpenIddictApplicationManager.FindByClientIdAsync) => new object(),
            nameof(IOpenIddictApplicationManager.GetIdAsync) => "app_1",
            nameof(IOpenIddictApplicationManager.GetLocalizedDisplayNameAsync) => ConsentScreens.App,
            nameof(IOpenIddictApplicationManager.GetConsentTypeAsync) => ConsentTypes.Explicit,
            _ => null,
        });
        var (authorizations, _) = Fake<IOpenIddictAuthorizationManager>.Create((method, _) => method switch
        {
            nameof(IOpenIddictAuthorizationManager.CreateAsync) => new object(),
            nameof(IOpenIddictAuthorizationManager.GetIdAsync) => AuthorizationId,
            nameof(IOpenIddictAuthorizationManager.FindAsync) => AsyncEnumerable.Empty<object>(),
            _ => null,
        });
        var bank = new RecordingBank(consent, bankAnswer ?? new ConsentDecisionResult(true));

        var services = new ServiceCollection().AddLogging().AddSingleton<IUserStore<WekezaUser>>(store);
        services.AddIdentityCore<WekezaUser>();
        await using var provider = services.BuildServiceProvider();
        await using var scoped = provider.CreateAsyncScope();
        var users = scoped.ServiceProvider.GetRequiredService<UserManager<WekezaUser>>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SandboxAuthorisation.EnabledKey] = enabled ? "true" : "false",
        }).Build();

        var context = new DefaultHttpContext { RequestServices = scoped.ServiceProvider };
        context.Features.Set(new OpenIddictServerAspNetCoreFeature { Transaction = new OpenIddictServerTransaction { Request = request } });
        var decision = new AuthorizationDecision(users, applications, authorizations, new SignedInPrincipal(users), bank);

        return (await new SandboxAuthorisation(decision, users, configuration).DecideAsync(context), bank);
    }

    /// <summary>The bank's consent endpoints: one consent to show, and every decision recorded.</summary>
    private sealed class RecordingBank(ConsentScreenData? consent, ConsentDecisionResult answer) : IBankConsents
    {
        public int Asked { get; private set; }

        public List<(string ConsentId, string Subject, IReadOnlyList<string> Accounts, string AuthorizationId)> Authorised { get; } = [];

        public List<(string ConsentId, string Subject)> Rejected { get; } = [];

        public Task<ConsentScreenData?> GetAsync(string consentId, string customerSubject, CancellationToken cancellationToken)
        {
            Asked++;
            return Task.FromResult(consent?.ConsentId == consentId ? consent : null);
        }

        public Task<ConsentDecisionResult> AuthoriseAsync(string consentId, string customerSubject, IReadOnlyList<string> accountIds, string appName,
            string authorizationId, string? address, CancellationToken cancellationToken)
        {
            Authorised.Add((consentId, customerSubject, accountIds, authorizationId));
            return Task.FromResult(answer);
        }

        public Task<ConsentDecisionResult> RejectAsync(string consentId, string customerSubject, string appName, string? address,
            CancellationToken cancellationToken)
        {
            Rejected.Add((consentId, customerSubject));
            return Task.FromResult(new ConsentDecisionResult(true));
        }
    }
}
