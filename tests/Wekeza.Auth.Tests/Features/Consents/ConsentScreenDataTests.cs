using System.Text.Json;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;

namespace Wekeza.Auth.Tests.Features.Consents;

/// <summary>The bank API's consent, as auth reads it from <c>GET /internal/consents/{id}</c>.</summary>
public sealed class ConsentScreenDataTests
{
    [Fact]
    public void A_consent_without_a_kind_is_account_access()
    {
        var consent = Read("""
            {
              "consentId": "con_1", "clientId": "app", "status": "AwaitingAuthorisation",
              "permissions": ["ReadAccounts", "ReadBalances"], "expiresAt": "2026-11-24T09:30:00+00:00",
              "transactionFromDateTime": null, "transactionToDateTime": null,
              "accounts": [{ "accountId": "acc_000101", "name": "Everyday", "currency": "KES", "accountType": "current", "maskedNumber": "•••• 0101" }]
            }
            """);

        Assert.Equal(ConsentKinds.AccountAccess, consent.Kind);
        Assert.Null(consent.Payment);
        Assert.Equal(["ReadAccounts", "ReadBalances"], consent.Permissions);
        Assert.Equal("acc_000101", Assert.Single(consent.Accounts).AccountId);
    }

    [Fact]
    public void An_account_access_consent_says_so_and_has_no_payment()
    {
        var consent = Read("""
            {
              "consentId": "con_1", "clientId": "app", "status": "AwaitingAuthorisation", "permissions": ["ReadAccounts"],
              "expiresAt": "2026-11-24T09:30:00+00:00", "transactionFromDateTime": null, "transactionToDateTime": null, "accounts": [],
              "kind": "account-access", "payment": null
            }
            """);

        Assert.Equal(ConsentKinds.AccountAccess, consent.Kind);
        Assert.Null(consent.Payment);
    }

    [Fact]
    public void A_payment_consent_carries_its_payment_with_the_amount_as_sent()
    {
        var consent = Read("""
            {
              "consentId": "pcon_1", "clientId": "app", "status": "AwaitingAuthorisation", "permissions": [],
              "expiresAt": "2026-11-24T09:30:00+00:00", "transactionFromDateTime": null, "transactionToDateTime": null,
              "accounts": [{ "accountId": "acc_000101", "name": "Everyday", "currency": "KES", "accountType": "current", "maskedNumber": "•••• 0101" }],
              "kind": "domestic-payment",
              "payment": {
                "amount": "1500.00", "currency": "KES", "creditorScheme": "KE.MobileMoney", "creditorIdentification": "254712345678",
                "creditorName": "Duka La Mama", "reference": "INV-2291", "debtorAccountId": "acc_000101"
              }
            }
            """);

        Assert.Equal(ConsentKinds.DomesticPayment, consent.Kind);
        Assert.Empty(consent.Permissions);
        Assert.Equal(new ConsentPayment("1500.00", "KES", "KE.MobileMoney", "254712345678", "Duka La Mama", "INV-2291", "acc_000101"), consent.Payment);
    }

    [Fact]
    public void A_payment_without_a_named_debtor_account_leaves_the_choice_to_the_customer()
    {
        var consent = Read("""
            {
              "consentId": "pcon_1", "clientId": "app", "status": "AwaitingAuthorisation", "permissions": [],
              "expiresAt": "2026-11-24T09:30:00+00:00", "accounts": [], "kind": "domestic-payment",
              "payment": { "amount": "10.50", "currency": "KES", "creditorScheme": "Wekeza.AccountNumber", "creditorIdentification": "012345678901",
                           "creditorName": "Otieno Traders", "reference": "INV-1", "debtorAccountId": null }
            }
            """);

        Assert.Null(consent.Payment!.DebtorAccountId);
        Assert.Equal("10.50", consent.Payment.Amount);
    }

    private static ConsentScreenData Read(string json) =>
        JsonSerializer.Deserialize<ConsentScreenData>(json, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("No consent.");
}
