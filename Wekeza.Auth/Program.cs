using Wekeza;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Authorize;
using Wekeza.Auth.Features.Discovery;
using Wekeza.Auth.Features.Token;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults;

var migrate = MigrateCommand.IsRequested(args);
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);

builder.AddServiceDefaults();
builder.AddAuthDatabase();

if (migrate)
{
    // The one-shot needs the database and nothing else: no Redis, no signing keys, no listening socket.
    await using var migrator = builder.Build();
    return await MigrateCommand.RunAsync(migrator.Services);
}

builder.AddRedisClient(ResourceNames.Cache);
builder.AddRedisDataProtection("wekeza-auth");
builder.AddAuthServer();
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseWekezaProblemDetails();
// OpenIddict answers its protocol endpoints (discovery, JWKS, token, …) from the authentication middleware.
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapServiceInfo();
app.MapAuthorizeEndpoint();
app.MapTokenEndpoint();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
