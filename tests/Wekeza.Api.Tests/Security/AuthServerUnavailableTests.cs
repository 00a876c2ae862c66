using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace Wekeza.Api.Tests.Security;

/// <summary>A token that cannot be checked because auth's keys are out of reach is an outage (503), not a bug (500).</summary>
public sealed class AuthServerUnavailableTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_that_cannot_be_checked_answers_503_problem()
    {
        using var unreachable = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<OpenIddictValidationOptions>(options =>
            {
                options.Configuration = null;
                options.ConfigurationManager = new UnreachableAuthServer();
            })));
        var client = unreachable.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Create(factory));

        using var response = await client.GetAsync("/v1/accounts", Cancel);

        await Problems.AssertProblemAsync(response, 503, "service_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_still_401()
    {
        using var unreachable = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<OpenIddictValidationOptions>(options =>
            {
                options.Configuration = null;
                options.ConfigurationManager = new UnreachableAuthServer();
            })));

        using var response = await unreachable.CreateClient().GetAsync("/v1/accounts", Cancel);

        await Problems.AssertProblemAsync(response, 401, "unauthorized");
    }

    private sealed class UnreachableAuthServer : IConfigurationManager<OpenIddictConfiguration>
    {
        public Task<OpenIddictConfiguration> GetConfigurationAsync(CancellationToken cancel) =>
            throw new InvalidOperationException("IDX20803: Unable to obtain configuration from the auth server.");

        public void RequestRefresh()
        {
        }
    }
}
