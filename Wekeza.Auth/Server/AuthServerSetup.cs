using Wekeza.Auth.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Server;

internal static class AuthServerSetup
{
    /// <summary><c>Auth:Tokens:AccessTokenLifetime</c>: short, because resource servers cannot learn of a revocation.</summary>
    public const string AccessTokenLifetimeKey = "Auth:Tokens:AccessTokenLifetime";
    public const string RefreshTokenLifetimeKey = "Auth:Tokens:RefreshTokenLifetime";

    /// <summary>OpenIddict's stores in authdb: applications, authorizations, scopes, tokens. The migrate step seeds them.</summary>
    public static IHostApplicationBuilder AddAuthStores(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenIddict().AddCore(core =>
        {
            core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>();
            // No per-replica memory cache of clients, authorizations and tokens: a rotated secret, a deleted app or a
            // revoked authorization must take effect on every replica at once, not when a cache entry expires.
            core.DisableEntityCaching();
            core.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, WekezaApplicationManager>();
        });
        return builder;
    }

    /// <summary>OpenIddict core (EF Core stores in authdb), server, and validation of its own tokens for the apps API.</summary>
    public static IHostApplicationBuilder AddAuthServer(this IHostApplicationBuilder builder)
    {
        // Read (and fail on) the keys now, at start, rather than on the first token request.
        var credentials = ServerCredentials.FromConfiguration(builder.Configuration, builder.Environment);
        var accessTokenLifetime = builder.Configuration.GetValue(AccessTokenLifetimeKey, TimeSpan.FromMinutes(5));
        var refreshTokenLifetime = builder.Configuration.GetValue(RefreshTokenLifetimeKey, TimeSpan.FromDays(30));

        builder.AddAuthStores();
        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                // No SetIssuer: the issuer is the URL the request came in on, so nothing here names a host or port.
                server.SetAuthorizationEndpointUris(AuthRoutes.Authorize, AuthRoutes.AuthorizeDecision)
                    .SetPushedAuthorizationEndpointUris(AuthRoutes.PushedAuthorization)
                    .SetTokenEndpointUris(AuthRoutes.Token)
                    .SetIntrospectionEndpointUris(AuthRoutes.Introspect)
                    .SetRevocationEndpointUris(AuthRoutes.Revoke)
                    .SetUserInfoEndpointUris(AuthRoutes.UserInfo)
                    .SetEndSessionEndpointUris(AuthRoutes.EndSession);

                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();

                // PKCE with S256 only: "plain" sends the verifier's equal in the front channel, which is what PKCE
                // exists to avoid (FAPI 2.0 forbids it too).
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // Every scope in the catalog is advertised; API scopes are also in the scope store, each naming the
                // resource server it is for, so the token endpoint derives the audiences from them.
                server.RegisterScopes([.. ScopeCatalog.All.Select(scope => scope.Name)]);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.EmailVerified, Claims.Role);

                server.SetAccessTokenLifetime(accessTokenLifetime)
                    .SetRefreshTokenLifetime(refreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(1));

                // Refresh tokens rotate (a new one with every refresh). Presenting a redeemed one again is treated as
                // theft: OpenIddict revokes the authorization and every token issued under it. No reuse leeway: a
                // client that refreshes twice concurrently loses its session rather than an attacker keeping one.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // Resource servers validate access tokens locally against the JWKS: they must be signed JWTs that
                // they can read, not encrypted ones. Codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();
                credentials.AddTo(server);
                server.UseStandardScopeErrors();
                server.AddEventHandler(TokenResponseMetrics.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Errors that cannot go back to the client (its redirect URI is not yet trusted) reach our pages,
                    // which explain them to the person instead of OpenIddict's plain-text answer.
                    .EnableErrorPassthrough();
            })
            // The apps API on this server accepts this server's access tokens for its own audience, checked locally.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(ScopeCatalog.AuthAudience);
                validation.EnableAuthorizationEntryValidation();
                validation.UseAspNetCore();
            });

        builder.Services.AddSingleton<AuthMetrics>();
        builder.Services.AddScoped<Features.Authorize.SignedInPrincipal>();
        builder.Services.AddScoped<Features.Authorize.AuthorizationDecision>();
        builder.Services.AddHostedService<TokenPruning>();
        return builder;
    }
}
