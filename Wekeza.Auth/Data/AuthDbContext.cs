using Microsoft.EntityFrameworkCore;

namespace Wekeza.Auth.Data;

/// <summary>
/// authdb: OpenIddict's applications, authorizations, scopes and tokens (mapped by <c>UseOpenIddict()</c> on the
/// options). People (ASP.NET Core Identity) join this context with the login issue.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options);
