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
}
