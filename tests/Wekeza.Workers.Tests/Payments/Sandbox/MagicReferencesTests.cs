using Wekeza.Workers.Payments.Sandbox;

namespace Wekeza.Workers.Tests.Payments.Sandbox;

public sealed class MagicReferencesTests
{
    [Theory]
    [InlineData("sbx_app", "INSUFFICIENT-FUNDS", true)]
    [InlineData("sbx_app", "insufficient-funds rent", true)]
    [InlineData("portal-test", "INSUFFICIENT-FUNDS", true)]
    [InlineData("live_app", "INSUFFICIENT-FUNDS", false)]
    [InlineData("sbx_app", "Rent INSUFFICIENT-FUNDS", false)]
    [InlineData("sbx_app", "INSUFFICIENT", false)]
    public void A_magic_reference_is_a_prefix_in_any_case_and_only_for_sandbox_apps(string clientId, string reference, bool applies)
    {
        Assert.Equal(applies, MagicReferences.Applies(clientId, reference, MagicReferences.InsufficientFunds));
    }
}
