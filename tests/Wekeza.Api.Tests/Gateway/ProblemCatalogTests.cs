using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>Only catalog codes leave a service, whatever code a problem was built with.</summary>
public sealed class ProblemCatalogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_code_outside_the_catalog_becomes_its_statuss_generic_code()
    {
        var problem = await WriteAsync(new ProblemDetails { Status = 409, Extensions = { ["code"] = "made_up_here" } });

        Assert.Equal("conflict", problem.GetProperty("code").GetString());
        Assert.EndsWith("/docs/errors#conflict", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_catalog_code_keeps_its_title_and_retryable_whatever_the_builder_said()
    {
        var problem = await WriteAsync(new ProblemDetails { Status = 409, Title = "Something else", Extensions = { ["code"] = "idempotency_key_in_use" } });

        Assert.Equal(ProblemCatalog.IdempotencyKeyInUse.Title, problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("retryable").GetBoolean());
    }

    [Fact]
    public void Codes_are_unique_snake_case_and_their_statuses_are_errors() =>
        Assert.All(ProblemCatalog.All, type =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", type.Code);
            Assert.InRange(type.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(type.Title));
        });

    private async Task<JsonElement> WriteAsync(ProblemDetails details)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/v1/test";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        context.Response.StatusCode = details.Status!.Value;

        Assert.True(await scope.ServiceProvider.GetRequiredService<IProblemDetailsService>().TryWriteAsync(
            new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }));
        context.Response.Body.Position = 0;
        return await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
    }
}
