using Scalar.AspNetCore;
using Wekeza;
using Wekeza.Api.Features;
using Wekeza.Api.Gateway;
using Wekeza.Api.OpenApi;
using Wekeza.Api.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// The bank schema arrives in a later issue; the data source is wired now so readiness covers it.
builder.AddNpgsqlDataSource(ResourceNames.BankDb);
builder.AddRedisClient(ResourceNames.Cache);
builder.AddTokenValidation();
builder.Services.AddApiDocument();

var app = builder.Build();

app.UseGateway();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/docs", options => options.WithTitle(ApiDocument.Title));
app.MapApiV1();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
