using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wekeza.Api.Security;

namespace Wekeza.Api.Tests;

/// <summary>Access tokens shaped like the ones Wekeza.Auth issues (RFC 9068 at+jwt, RS256).</summary>
internal static class TestTokens
{
    public static string Create(
        ApiFactory factory,
        string? scope = ApiScopes.AccountsRead,
        string audience = ApiResource.Audience,
        string issuer = ApiFactory.Issuer,
        DateTime? expires = null,
        string subject = "test-app",
        string? consentId = null,
        string clientId = "test-app",
        IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["client_id"] = clientId };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        if (consentId is not null)
        {
            claims["consent_id"] = consentId;
        }

        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(factory.SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
