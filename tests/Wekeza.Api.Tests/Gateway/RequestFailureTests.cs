using System.Net.Http.Headers;
using System.Text;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>Requests the framework cannot read answer the catalog's problem+json, naming the field where it can.</summary>
public sealed class RequestFailureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient AppClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory));
        return client;
    }

    [Fact]
    public async Task Malformed_json_is_400_invalid_request_saying_where()
    {
        using var body = new StringContent("""{"permissions": ["ReadAccountsBasic" """, Encoding.UTF8, "application/json");
        using var response = await AppClient().PostAsync("/v1/consents", body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 400, "invalid_request");
        var errors = problem.GetProperty("errors");
        Assert.Contains("not valid JSON", errors.EnumerateObject().Single().Value[0].GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_field()
    {
        using var body = new StringContent("""{"permissions": 42}""", Encoding.UTF8, "application/json");
        using var response = await AppClient().PostAsync("/v1/consents", body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 400, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty("permissions", out var messages), problem.ToString());
        Assert.DoesNotContain("System.", messages[0].GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_unsupported_media_type()
    {
        using var body = new StringContent("permissions=ReadAccountsBasic", Encoding.UTF8, "text/plain");
        using var response = await AppClient().PostAsync("/v1/consents", body, Cancel);

        await Problems.AssertProblemAsync(response, 415, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413_payload_too_large_before_authentication()
    {
        using var body = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await factory.CreateClient().PostAsync("/v1/consents", body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 413, "payload_too_large");
        Assert.Contains("1,048,576", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_of_exactly_1_MiB_is_read()
    {
        using var body = new ByteArrayContent(new byte[1024 * 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await AppClient().PostAsync("/v1/consents", body, Cancel);

        // Zero bytes are not JSON: refused for what it is, not for its size.
        await Problems.AssertProblemAsync(response, 400, "invalid_request");
    }

    [Fact]
    public async Task No_token_is_401_unauthorized_and_a_missing_scope_403_forbidden()
    {
        using var anonymous = await factory.CreateClient().GetAsync("/v1/accounts", Cancel);
        await Problems.AssertProblemAsync(anonymous, 401, "unauthorized");

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory, scope: "openid"));
        using var forbidden = await client.GetAsync("/v1/accounts", Cancel);
        await Problems.AssertProblemAsync(forbidden, 403, "forbidden");
    }
}
