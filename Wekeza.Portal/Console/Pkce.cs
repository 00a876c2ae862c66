using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Wekeza.Portal.Console;

/// <summary>
/// A PKCE pair (RFC 7636), S256 only as auth requires: a fresh verifier per authorisation, its challenge
/// <c>base64url(sha256(verifier))</c>, and a fresh <c>state</c> to match the redirect against.
/// </summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public const string Method = "S256";

    /// <summary>32 random bytes: a 43-character verifier, the shortest RFC 7636 allows, with full entropy.</summary>
    public static Pkce Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, ChallengeOf(verifier));
    }

    public static string ChallengeOf(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    // The verifier proves possession of the code: it stays out of anything printed.
    public override string ToString() => $"PKCE {Method} {Challenge}";
}
