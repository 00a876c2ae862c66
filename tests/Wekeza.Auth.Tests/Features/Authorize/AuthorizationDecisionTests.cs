using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Authorize;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>Which consent an authorization request may name, for which scopes, before the customer sees anything.</summary>
public sealed class AuthorizationDecisionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly WekezaUser Customer = new() { Id = "customer-1", UserName = "amina@example.com" };

    [Theory]
    [InlineData("openid payments.write")]
    [InlineData("openid profile offline_access payments.write")]
    public async Task A_payment_consent_is_shown_for_payments_write(string scope)
    {
        var (consent, refusal) = await FindAsync(scope, ConsentScreens.PaymentConsent());

        Assert.Null(refusal);
        Assert.Equal(ConsentKinds.DomesticPayment, consent!.Kind);
    }

    [Theory]
    [InlineData("openid accounts.read transactions.read")]
    [InlineData("openid profile offline_access accounts.read")]
    public async Task An_account_access_consent_is_shown_for_reading_data(string scope)
    {
        var (consent, refusal) = await FindAsync(scope, ConsentScreens.AccountConsent());

        Assert.Null(refusal);
        Assert.Equal(ConsentKinds.AccountAccess, consent!.Kind);
    }

    [Theory]
    [InlineData("openid payments.write accounts.read", "accounts.read")]
    [InlineData("openid payments.write transactions.read", "transactions.read")]
    [InlineData("openid payments.write accounts.read transactions.read", "accounts.read, transactions.read")]
    public async Task A_payment_consent_does_not_grant_reading_data(string scope, string named)
    {
        var (consent, refusal) = await FindAsync(scope, ConsentScreens.PaymentConsent());

        Assert.Null(consent);
        Assert.Equal(Errors.InvalidRequest, refusal!.Error);
        Assert.Contains($"A payment consent does not grant {named}", refusal.Description, StringComparison.Ordinal);
        Assert.Contains("POST /v1/consents", refusal.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openid accounts.read")]
    [InlineData("openid transactions.read")]
    public async Task A_payment_consent_needs_payments_write(string scope)
    {
        var (consent, refusal) = await FindAsync(scope, ConsentScreens.PaymentConsent());

        Assert.Null(consent);
        Assert.Equal(Errors.InvalidRequest, refusal!.Error);
        Assert.Contains("payment consent: ask for the payments.write scope", refusal.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openid accounts.read payments.write")]
    [InlineData("openid accounts.read transactions.read payments.write")]
    public async Task An_account_access_consent_does_not_grant_payments(string scope)
    {
        var (consent, refusal) = await FindAsync(scope, ConsentScreens.AccountConsent());

        Assert.Null(consent);
        Assert.Equal(Errors.InvalidRequest, refusal!.Error);
        Assert.Contains("An account-access consent does not grant payments.write", refusal.Description, StringComparison.Ordinal);
        Assert.Contains("POST /v1/payment-consents", refusal.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_consent_the_bank_sent_without_its_payment_is_never_shown()
    {
        var (consent, refusal) = await FindAsync("openid payments.write", ConsentScreens.PaymentConsent() with { Payment = null });

        Assert.Null(consent);
        Assert.Equal(Errors.ServerError, refusal!.Error);
    }

    [Fact]
    public async Task A_consent_of_a_kind_the_screen_does_not_know_is_refused()
    {
        var (consent, refusal) = await FindAsync("openid accounts.read", ConsentScreens.AccountConsent() with { Kind = "standing-order" });

        Assert.Null(consent);
        Assert.Equal(Errors.InvalidRequest, refusal!.Error);
        Assert.Contains("standing-order", refusal.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_payments_write_without_a_consent_is_told_how_to_create_one()
    {
        var (consent, refusal) = await FindAsync("openid payments.write", bankHas: null, consentId: null);

        Assert.Null(consent);
        Assert.Equal(Errors.InvalidRequest, refusal!.Error);
        Assert.Contains("accounts.read, transactions.read, payments.write", refusal.Description, StringComparison.Ordinal);
        Assert.Contains("POST /v1/consents for account access or POST /v1/payment-consents for a payment", refusal.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_of_another_app_is_refused_before_its_kind_is_judged()
    {
        var (consent, refusal) = await FindAsync("openid accounts.read", ConsentScreens.PaymentConsent() with { ClientId = "someone-else" });

        Assert.Null(consent);
        Assert.Equal("consent_id does not name a consent of this app.", refusal!.Description);
    }

    [Fact]
    public async Task A_consumed_payment_consent_cannot_be_authorised_again()
    {
        var (consent, refusal) = await FindAsync("openid payments.write", ConsentScreens.PaymentConsent() with { Status = ConsentStatuses.Consumed });

        Assert.Null(consent);
        Assert.Contains("The consent is Consumed", refusal!.Description, StringComparison.Ordinal);
    }

    private static Task<(ConsentScreenData? Consent, AuthorizationDecision.Refuse? Refusal)> FindAsync(
        string scope, ConsentScreenData? bankHas, string? consentId = "con_from_app")
    {
        var request = new OpenIddictRequest { ClientId = ConsentScreens.ClientId, Scope = scope };
        if (consentId is not null)
        {
            request.SetParameter(AuthorizationDecision.ConsentIdParameter, consentId);
        }

        // Finding the consent asks only the bank: the sign-in, app and authorization stores are not reached.
        var decision = new AuthorizationDecision(users: null!, applications: null!, authorizations: null!, principals: null!, new OneConsentBank(bankHas));
        return decision.FindConsentAsync(request, request.GetScopes(), Customer, Cancel);
    }

    private sealed class OneConsentBank(ConsentScreenData? consent) : IBankConsents
    {
        public Task<ConsentScreenData?> GetAsync(string consentId, string customerSubject, CancellationToken cancellationToken) =>
            Task.FromResult(consent);

        public Task<ConsentDecisionResult> AuthoriseAsync(string consentId, string customerSubject, IReadOnlyList<string> accountIds, string appName,
            string authorizationId, string? address, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ConsentDecisionResult> RejectAsync(string consentId, string customerSubject, string appName, string? address,
            CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
