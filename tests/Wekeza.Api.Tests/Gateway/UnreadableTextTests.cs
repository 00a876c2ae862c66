using System.Net.Http.Headers;
using System.Text;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>
/// Text the app cannot store or decode is refused while the request is read, naming where (the flood found each of
/// these answering a 500): U+0000 in a JSON string or a query value (PostgreSQL's text cannot hold it), bytes that are
/// not UTF-8 in a value read as raw JSON, a charset nobody can decode.
/// </summary>
public sealed class UnreadableTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nul_in_a_json_string_is_400_naming_the_field()
    {
        using var body = new StringContent("""{"permissions": ["ReadAccounts\u0000"]}""", Encoding.UTF8, "application/json");

        await AssertFieldRefusedAsync("/v1/consents", ApiScopes.AccountsRead, body, "permissions[0]", "U+0000");
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

    [Fact]
    public async Task Bytes_that_are_not_utf8_in_an_amount_are_400_naming_the_field()
    {
        byte[] json = [.. "{\"initiation\":{\"instructedAmount\":{\"amount\":\""u8, 0xC3, 0x28, 0xFF, .. "\",\"currency\":\"KES\"}}}"u8];
        using var body = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        await AssertFieldRefusedAsync("/v1/payment-consents", ApiScopes.PaymentsWrite, body, "initiation.instructedAmount.amount", "UTF-8");
    }

    private async Task AssertFieldRefusedAsync(string path, string scope, HttpContent body, string field, string saying)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory, scope));

        using var response = await client.PostAsync(path, body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 400, "invalid_request");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(field, error.Name);
        Assert.Contains(saying, error.Value[0].GetString());
    }

    [Fact]
    public async Task A_charset_nobody_can_decode_is_415_before_authentication()
    {
        using var body = new StringContent("{}", Encoding.UTF8);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        using var response = await factory.CreateClient().PostAsync("/v1/consents", body, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 415, "unsupported_media_type");
        Assert.Contains("klingon", problem.GetProperty("detail").GetString());
    }
}
