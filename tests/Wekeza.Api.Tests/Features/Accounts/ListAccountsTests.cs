using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.Api.Security;

namespace Wekeza.Api.Tests.Features.Accounts;

public sealed class ListAccountsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_token_answers_401_problem_with_a_bearer_challenge()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/accounts", Cancel);

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task An_apps_own_token_with_accounts_read_is_told_to_use_a_customers_token()
    {
        using var response = await SendAsync(TestTokens.Create(factory));

        await Problems.AssertProblemAsync(response, 403, "customer_token_required");
    }

    [Fact]
    public async Task A_customers_token_without_a_consent_is_told_to_create_one()
    {
        using var response = await SendAsync(TestTokens.Create(factory, subject: "customer-1"));

        var problem = await Problems.AssertProblemAsync(response, 403, "consent_required");
        Assert.Contains("POST /v1/consents", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_a_token_lacking_the_scope_answers_403_problem_naming_it()
    {
        using var response = await SendAsync(TestTokens.Create(factory, scope: "payments.write"));

        var problem = await Problems.AssertProblemAsync(response, 403, "forbidden");
        Assert.Contains("accounts.read", problem.GetProperty("detail").GetString());
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task With_a_token_for_another_audience_answers_401()
    {
        using var response = await SendAsync(TestTokens.Create(factory, audience: "some-other-api"));

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Parameter?.Contains("invalid_token") is true);
    }

    [Fact]
    public async Task With_a_token_from_another_issuer_answers_401()
    {
        using var response = await SendAsync(TestTokens.Create(factory, issuer: "https://evil.example/"));

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task With_an_expired_token_answers_401()
    {
        using var response = await SendAsync(TestTokens.Create(factory, expires: DateTime.UtcNow.AddMinutes(-10)));

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task With_a_token_signed_by_another_key_answers_401()
    {
        using var stranger = new ApiFactory();
        using var response = await SendAsync(TestTokens.Create(stranger));

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/v1/accounts", Cancel);
    }
}
