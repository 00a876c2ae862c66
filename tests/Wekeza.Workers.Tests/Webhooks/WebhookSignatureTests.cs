using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text;
using Wekeza.Banking.Webhooks;
using Wekeza.Workers.Webhooks;

namespace Wekeza.Workers.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // Computed outside .NET (Python's hmac over "evt_test.1700000000.{body}" with key bytes 0..31).
    private const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Expected = "v1,wskmSt2zQA69475oS2zxe2I6upzTb7g71v9YVE4TFgs=";

    [Fact]
    public void The_signature_matches_a_vector_computed_independently() =>
        Assert.Equal(Expected, WebhookSignature.Sign([Secret], "evt_test", 1700000000, Encoding.UTF8.GetBytes("""{"type":"webhook.test"}""")));

    [Fact]
    public void Two_secrets_give_two_space_separated_signatures_the_current_first()
    {
        var other = WebhookSecretProtector.NewSecret();
        var header = WebhookSignature.Sign([other, Secret], "evt_test", 1700000000, Encoding.UTF8.GetBytes("""{"type":"webhook.test"}"""));
        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(Expected, parts[1]);
        Assert.StartsWith("v1,", parts[0]);
    }

    [Theory]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("41.90.64.10", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Only_public_unicast_addresses_are_public(string address, bool expected) =>
        Assert.Equal(expected, WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void A_secret_is_encrypted_at_rest_and_only_the_configured_keys_decrypt_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:SecretKey"] = "key-one" }).Build();
        var protector = new WebhookSecretProtector(configuration);
        var stored = protector.Protect(Secret);
        Assert.DoesNotContain("AAECAwQF", stored);
        Assert.Equal(Secret, protector.Unprotect(stored));

        var rotated = new WebhookSecretProtector(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:SecretKey"] = "key-two",
            ["Webhooks:PreviousSecretKeys:0"] = "key-one",
        }).Build());
        Assert.Equal(Secret, rotated.Unprotect(stored));
        var stranger = new WebhookSecretProtector(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:SecretKey"] = "key-two" }).Build());
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => stranger.Unprotect(stored));
    }
}
