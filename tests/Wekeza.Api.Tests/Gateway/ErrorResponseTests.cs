using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>Every error path answers RFC 9457 problem+json with a stable code, never a stack trace.</summary>
public sealed class ErrorResponseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/no-such-thing")]
    [InlineData("/v1/no-such-thing")]
    public async Task Unknown_route_answers_404_problem(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 404, "not_found");
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Wrong_method_answers_405_problem_with_allow()
    {
        using var response = await factory.CreateClient().DeleteAsync("/v1/accounts", Cancel);

        await Problems.AssertProblemAsync(response, 405, "method_not_allowed");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Unhandled_exception_answers_500_problem_without_details()
    {
        using var response = await factory.CreateClient().GetAsync(ThrowingRouteStartupFilter.Path, Cancel);

        await Problems.AssertProblemAsync(response, 500, "internal_error");
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain(nameof(InvalidOperationException), text);
        Assert.DoesNotContain("ThrowingRouteStartupFilter", text);
    }

    [Fact]
    public async Task Problem_is_json_even_when_the_client_prefers_json_only()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.GetAsync("/v1/accounts", Cancel);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
    }
}
