using MudBlazor.Services;
using Wekeza;
using Wekeza.Portal.Account;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Console;
using Wekeza.Portal.Consents;
using Wekeza.Portal.GoLive;
using Wekeza.Portal.Components;
using Wekeza.Portal.Components.Layout;
using Wekeza.Portal.Platform;
using Wekeza.Portal.SystemStatus;
using Wekeza.Portal.Sandbox;
using Wekeza.Portal.Usage;
using Wekeza.Portal.Webhooks;
using Wekeza.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient(ResourceNames.Cache);
// Antiforgery tokens, the circuit's protected state, the session cookie, OpenIddict's state tokens and the stored
// session tokens must decrypt on every replica and after a restart.
builder.AddRedisDataProtection("wekeza-portal");
builder.AddPortalAuthentication();
builder.AddAppsClient();
builder.AddConsentsClient();
builder.AddWebhooksClient();
builder.AddConsole();
builder.AddSandboxClient();
builder.AddUsageClient();
builder.AddSystemStatus();
builder.AddGoLiveClients();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<PlatformLinks>();
builder.Services.AddScoped<ThemePreference>();

var app = builder.Build();

app.UseWekezaProblemDetails();
// Registered after the problem-details status pages, so it answers first: a browser asking for a page that does not
// exist gets the friendly page (still with 404), and the JSON status pages only see responses this one leaves empty.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// The friendly page is for browsers: a client that does not ask for HTML gets the problem+json of docs/errors.md.
app.Use((context, next) =>
{
    if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } friendlyPages)
    {
        friendlyPages.Enabled = false;
    }

    return next(context);
});
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseHttpsRedirection();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();

app.Run();
