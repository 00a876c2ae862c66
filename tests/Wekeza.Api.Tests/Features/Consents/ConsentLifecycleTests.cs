using Wekeza.Banking.Consents;
using Wekeza.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Consents;

namespace Wekeza.Api.Tests.Features.Consents;

public sealed class ConsentLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly Account Current = new()
    {
        Id = "acc_000101", CustomerId = "cus_0001", Kind = AccountKinds.Current, Currency = "KES", Name = "Everyday", Number = "010000010001",
    };

    [Fact]
    public void Authorising_binds_the_customer_and_the_chosen_accounts_and_records_who_and_when()
    {
        var consent = NewConsent();

        consent.Authorise("customer-1", [Current], "Budget Buddy", "authz-1", Now.AddMinutes(2), "10.0.0.7");

        Assert.Equal(ConsentStatuses.Authorised, consent.Status);
        Assert.Equal("customer-1", consent.CustomerSubject);
        Assert.Equal(["acc_000101"], consent.AccountIds);
        var authorised = consent.Events[^1];
        Assert.Equal((ConsentEventTypes.Authorised, "customer:customer-1", "10.0.0.7", Now.AddMinutes(2)),
            (authorised.Type, authorised.Actor, authorised.Address, authorised.At));
    }

    [Fact]
    public void An_unused_consent_expires_after_the_authorisation_window_and_can_no_longer_be_authorised()
    {
        var consent = NewConsent();
        var later = Now + Consent.AuthorisationWindow;

        Assert.Equal(ConsentStatuses.Expired, consent.StatusAt(later));
        var error = Assert.Throws<ConsentRuleException>(() => consent.Authorise("customer-1", [Current], "Budget Buddy", "authz-1", later, null));

        Assert.Equal("consent_not_awaiting_authorisation", error.Type.Code);
        Assert.Equal(ConsentStatuses.Expired, consent.Status);
        Assert.Equal(ConsentEventTypes.Expired, consent.Events[^1].Type);
    }

    [Fact]
    public void An_authorised_consent_expires_at_its_expiry()
    {
        var consent = NewConsent();
        consent.Authorise("customer-1", [Current], "Budget Buddy", "authz-1", Now.AddMinutes(1), null);

        Assert.Equal(ConsentStatuses.Authorised, consent.StatusAt(consent.ExpiresAt.AddSeconds(-1)));
        Assert.Equal(ConsentStatuses.Expired, consent.StatusAt(consent.ExpiresAt));
    }

    [Fact]
    public void Rejected_or_revoked_consents_cannot_be_authorised_and_revoking_twice_records_once()
    {
        var rejected = NewConsent();
        rejected.Reject("customer-1", "Budget Buddy", Now, null);
        Assert.Throws<ConsentRuleException>(() => rejected.Authorise("customer-1", [Current], "Budget Buddy", "authz-1", Now, null));
        Assert.False(rejected.Revoke("app:app-1", Now, null));

        var revoked = NewConsent();
        Assert.True(revoked.Revoke("app:app-1", Now, null));
        Assert.False(revoked.Revoke("app:app-1", Now, null));
        Assert.Single(revoked.Events, e => e.Type == ConsentEventTypes.Revoked);
        Assert.Throws<ConsentRuleException>(() => revoked.Authorise("customer-1", [Current], "Budget Buddy", "authz-1", Now, null));
    }

    [Fact]
    public void Authorising_without_an_account_is_refused()
    {
        var consent = NewConsent();

        Assert.Equal("accountIds", Assert.Throws<ConsentRuleException>(() => consent.Authorise("customer-1", [], "Budget Buddy", "authz-1", Now, null)).Field);
        Assert.Equal(ConsentStatuses.AwaitingAuthorisation, consent.Status);
    }

    private static Consent NewConsent() =>
        Consent.Create("app-1", [ConsentPermissions.ReadAccounts], Now.AddDays(30), null, null, Now, "10.0.0.1");
}
