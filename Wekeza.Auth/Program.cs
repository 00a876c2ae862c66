using Wekeza;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Account;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Features.Consents;
using Wekeza.Auth.Features.Discovery;
using Wekeza.Auth.Features.Email;
using Wekeza.Auth.Features.EndSession;
using Wekeza.Auth.Features.GoLive;
using Wekeza.Auth.Features.Token;
using Wekeza.Auth.Features.UserInfo;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults;

var migrate = MigrateCommand.IsRequested(args);
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);

builder.AddServiceDefaults();
builder.AddAuthDatabase();
builder.AddPeople();
builder.AddAuthStores();

if (migrate)
{
    // The one-shot needs the database and nothing else: no Redis, no signing keys, no listening socket.
    builder.Services.AddScoped<AuthSeeder>();
    await using var migrator = builder.Build();
    return await MigrateCommand.RunAsync(migrator.Services);
}

builder.AddRedisClient(ResourceNames.Cache);
// Cookies, antiforgery tokens and email links must be readable by every replica and after a restart.
builder.AddRedisDataProtection("wekeza-auth");
builder.AddAuthRateLimits();
builder.AddAuthServer();
builder.AddEmail();
builder.AddAppsApi();
builder.AddGoLive();
builder.AddConsents();
builder.AddAppEvents();
builder.AddEventConsumers();
builder.Services.AddSingleton<Wekeza.Auth.Features.Authorize.ReturnToApp>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");

var app = builder.Build();

app.UseWekezaProblemDetails();
app.UseHsts();
app.MapStaticAssets();
// Per-address limits on sign-in, registration and the token endpoint: before authentication, where OpenIddict
// answers the token endpoint.
app.UseAuthRateLimits();
// Before OpenIddict and the pages read a parameter: no body over 1 MiB, and text no parameter takes.
app.UseRequestBodyLimit();
app.UseRequestTextGuard();
// OpenIddict answers its protocol endpoints (discovery, JWKS, token, …) from the authentication middleware.
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapServiceInfo();
app.MapTokenEndpoint();
app.MapUserInfoEndpoint();
app.MapEndSessionEndpoint();
app.MapAppsApi();
app.MapGoLive();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
