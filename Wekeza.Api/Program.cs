using Wekeza.Api;
using Scalar.AspNetCore;
using Wekeza;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Payments;
using Wekeza.Api.Features.Webhooks;
using Wekeza.Api.Gateway;
using Wekeza.Api.OpenApi;
using Wekeza.Api.Security;

var migrate = MigrateCommand.IsRequested(args);
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);

builder.AddServiceDefaults();
builder.AddCoreBanking();

if (migrate)
{
    // The one-shot needs bankdb and nothing else.
    await using var migrator = builder.Build();
    return await MigrateCommand.RunAsync(migrator.Services);
}

builder.AddRedisClient(ResourceNames.Cache);
builder.AddConsents();
builder.AddPayments();
builder.AddWebhooks();
builder.AddTokenValidation();
builder.AddGateway();
builder.Services.AddApiDocument();

var app = builder.Build();

app.UseGateway();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/docs", options => options.WithTitle(ApiDocument.Title));
app.MapApiV1();
app.MapConsentScreen();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
