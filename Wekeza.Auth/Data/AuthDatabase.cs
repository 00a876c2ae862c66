using Microsoft.EntityFrameworkCore;

namespace Wekeza.Auth.Data;

internal static class AuthDatabase
{
    /// <summary>The authdb context with OpenIddict's entity sets; also registers its readiness check.</summary>
    public static IHostApplicationBuilder AddAuthDatabase(this IHostApplicationBuilder builder) =>
        builder.AddNpgsqlDbContext<AuthDbContext>(ResourceNames.AuthDb, options => options.UseOpenIddict());
}
