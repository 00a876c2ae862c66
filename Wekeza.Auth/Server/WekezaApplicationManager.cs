using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Wekeza.Auth.Server;

/// <summary>
/// OpenIddict's application manager with one change: how client secrets are hashed at rest.
/// <para>
/// OpenIddict stores PBKDF2 (10,000 iterations) of every secret. Stretching exists to slow down guessing of
/// low-entropy secrets such as passwords. The secrets this server generates carry 256 random bits: no amount of
/// guessing finds one, so a single SHA-256 protects them as well, and costs a microsecond instead of milliseconds on
/// every client authentication (the token endpoint's hottest path). Anything else (a secret an operator chose)
/// keeps OpenIddict's PBKDF2.
/// </para>
/// </summary>
internal sealed class WekezaApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    private const string Sha256Prefix = "sha256:";

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ClientSecrets.IsGenerated(secret)
            ? ValueTask.FromResult(Sha256Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret))))
            : base.ObfuscateClientSecretAsync(secret, cancellationToken);

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!comparand.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(comparand[Sha256Prefix.Length..], expected, out var written) || written != expected.Length)
        {
            return ValueTask.FromResult(false);
        }

        // Constant time, so response timing says nothing about how much of a guess was right.
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), expected));
    }
}
