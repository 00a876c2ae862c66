using System.Net.Http.Headers;
using System.Text;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>
/// U+0000 anywhere a client can put text the app reads (a JSON string, a query value) is 400 invalid_request naming
/// where: PostgreSQL's text cannot hold it, and the flood found it reaching the database as a 500.
/// </summary>
public sealed class NulCharacterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nul_in_a_json_string_is_400_naming_the_field()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory));
        using var body = new StringContent("""{"permissions": ["ReadAccounts\u0000"]}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v1/consents", body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 400, "invalid_request");
        var field = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("permissions[0]", field.Name);
        Assert.Contains("U+0000", field.Value[0].GetString());
    }

    [Theory]
    [InlineData("/v1/events?subject=a%00b", "subject")]
    [InlineData("/v1/admin/consents?clientId=%00", "clientId")]
    public async Task A_nul_in_a_query_value_is_400_naming_the_parameter_before_anything_else(string url, string parameter)
    {
        using var response = await factory.CreateClient().GetAsync(url, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 400, "invalid_request");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Text_without_a_nul_is_read_as_before()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory));
        using var body = new StringContent("""{"permissions": ["Read\u0001Accounts"]}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v1/consents", body, Cancel);

        // Read, then refused by the consent rules: not by the reader.
        await Problems.AssertProblemAsync(response, 422, "validation_failed");
    }
}
