using Wekeza.Auth.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Server;

internal static class AuthServerSetup
{
    /// <summary>OpenIddict core (EF Core stores in authdb) and server.</summary>
    public static IHostApplicationBuilder AddAuthServer(this IHostApplicationBuilder builder)
    {
        // Read (and fail on) the keys now, at start, rather than on the first token request.
        var credentials = ServerCredentials.FromConfiguration(builder.Configuration, builder.Environment);

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(server =>
            {
                // No SetIssuer: the issuer is the URL the request came in on, so nothing here names a host or port.
                server.SetAuthorizationEndpointUris(AuthRoutes.Authorize)
                    .SetTokenEndpointUris(AuthRoutes.Token)
                    .SetIntrospectionEndpointUris(AuthRoutes.Introspect)
                    .SetRevocationEndpointUris(AuthRoutes.Revoke);

                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();

                // PKCE with S256 only: "plain" sends the verifier's equal in the front channel, which is what PKCE
                // exists to avoid (FAPI 2.0 forbids it too).
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // The standard OpenID Connect scopes. API scopes (accounts.read, …) live in the scope store, each
                // naming the resource server it is for, so the token endpoint can derive the audiences from them.
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);

                // Resource servers validate access tokens locally against the JWKS: they must be signed JWTs that
                // they can read, not encrypted ones. Codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();
                credentials.AddTo(server);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
            });

        return builder;
    }
}
