using Wekeza.Auth.Server;

namespace Wekeza.Auth.Tests.Server;

public sealed class ClientSecretsTests
{
    [Fact]
    public void Client_ids_carry_the_environment_prefix_and_128_random_bits()
    {
        var id = ClientSecrets.NewClientId("sbx");

        Assert.Matches("^sbx_[0-9a-f]{32}$", id);
        Assert.NotEqual(id, ClientSecrets.NewClientId("sbx"));
    }

    [Fact]
    public void Secrets_are_recognisable_and_never_repeat()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => ClientSecrets.NewSecret("sbx")).ToList();

        Assert.All(secrets, secret => Assert.Matches("^wk_sbx_sk_[A-Za-z0-9_-]{43}$", secret));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        Assert.All(secrets, secret => Assert.True(ClientSecrets.IsGenerated(secret)));
    }

    [Theory]
    [InlineData("portal-secret-chosen-by-an-operator")]
    [InlineData("wk_short")]
    public void Secrets_not_made_here_are_not_treated_as_full_entropy(string secret) =>
        Assert.False(ClientSecrets.IsGenerated(secret));
}
