using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Tests.Server;

public sealed class ScopeCatalogTests
{
    [Theory]
    [InlineData(ScopeCatalog.AccountsRead)]
    [InlineData(ScopeCatalog.TransactionsRead)]
    [InlineData(ScopeCatalog.PaymentsWrite)]
    public void Reading_a_customers_data_or_paying_from_their_account_needs_a_consent(string scope) =>
        Assert.Contains(scope, ScopeCatalog.NeedConsent);

    [Theory]
    [InlineData(Scopes.OpenId)]
    [InlineData(Scopes.Profile)]
    [InlineData(Scopes.OfflineAccess)]
    public void Signing_in_needs_no_consent(string scope) =>
        Assert.DoesNotContain(scope, ScopeCatalog.NeedConsent);

    [Fact]
    public void Each_consent_kind_grants_its_own_scopes_and_no_other_kinds()
    {
        Assert.Equal([ScopeCatalog.PaymentsWrite], ScopeCatalog.ForPayment);
        Assert.Empty(ScopeCatalog.ForAccountAccess.Intersect(ScopeCatalog.ForPayment));
        Assert.Equal(ScopeCatalog.NeedConsent.Order(), ScopeCatalog.ForAccountAccess.Concat(ScopeCatalog.ForPayment).Order());
    }

    [Fact]
    public void Webhooks_manage_is_an_api_scope_only_the_portal_is_granted()
    {
        var scope = ScopeCatalog.Find(ApiScopes.WebhooksManage);

        Assert.NotNull(scope);
        Assert.Equal(ScopeCatalog.ApiAudience, scope.Audience);
        Assert.False(scope.AppsMayRequest);
        Assert.DoesNotContain(scope, ScopeCatalog.ForApps);
        Assert.DoesNotContain(ApiScopes.WebhooksManage, ScopeCatalog.NeedConsent);
        Assert.Equal([ScopeCatalog.ApiAudience], ScopeCatalog.AudiencesFor([ApiScopes.WebhooksManage]));
    }

    [Fact]
    public void Every_scope_the_api_requires_is_in_the_catalog_for_the_api_audience()
    {
        // A scope missing here could never be granted, and the API's policy for it would refuse everyone.
        foreach (var name in ApiScopes.All)
        {
            Assert.Equal(ScopeCatalog.ApiAudience, ScopeCatalog.Find(name)?.Audience);
        }
    }

    [Fact]
    public void Apps_may_ask_for_the_api_scopes_meant_for_apps_and_no_other()
    {
        // The list /v1/apps/scopes offers, and the only scopes AppRules lets an app be granted.
        Assert.Equal(ApiScopes.ForApps.Order(), ScopeCatalog.ForApps.Select(scope => scope.Name).Order());
    }
}
