namespace Wekeza.Api.Tests.Gateway;

public sealed class FapiInteractionIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Header = "x-fapi-interaction-id";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/v1/accounts")]
    [InlineData("/no-such-thing")]
    [InlineData(ThrowingRouteStartupFilter.Path)]
    public async Task A_client_uuid_is_echoed_on_success_and_on_errors(string path)
    {
        var sent = Guid.NewGuid().ToString();

        using var response = await SendAsync(path, sent);

        Assert.Equal(sent, Single(response));
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/v1/accounts")]
    [InlineData(ThrowingRouteStartupFilter.Path)]
    public async Task Without_one_a_new_uuid_is_made(string path)
    {
        using var response = await SendAsync(path, interactionId: null);

        Assert.True(Guid.TryParseExact(Single(response), "D", out _));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("6f9619ff8b86d011b42d00cf4fc964ff")]
    public async Task An_invalid_one_is_replaced_by_a_new_uuid(string sent)
    {
        using var response = await SendAsync("/v1/accounts", sent);

        var received = Single(response);
        Assert.NotEqual(sent, received);
        Assert.True(Guid.TryParseExact(received, "D", out _));
    }

    [Fact]
    public async Task Each_call_gets_its_own()
    {
        using var first = await SendAsync("/v1/accounts", interactionId: null);
        using var second = await SendAsync("/v1/accounts", interactionId: null);

        Assert.NotEqual(Single(first), Single(second));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? interactionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (interactionId is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, interactionId);
        }

        return await factory.CreateClient().SendAsync(request, Cancel);
    }

    private static string Single(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues(Header));
}
