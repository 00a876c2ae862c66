using System.Net.Http.Headers;
using Wekeza.Tests;

namespace Wekeza.Portal.Tests;

/// <summary>
/// The portal's HTTP failures for clients that do not ask for HTML answer the catalog's problem+json; a browser gets
/// the friendly pages (PortalHostTests).
/// </summary>
public sealed class ErrorShapeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private HttpClient JsonClient()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    [Fact]
    public async Task An_unknown_url_is_404_not_found()
    {
        using var response = await JsonClient().GetAsync("/no/such/page", Cancel);

        await ProblemShape.AssertAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task A_method_an_endpoint_has_not_is_405_method_not_allowed()
    {
        using var response = await JsonClient().PutAsync("/account/logout", new FormUrlEncodedContent([]), Cancel);

        await ProblemShape.AssertAsync(response, 405, "method_not_allowed");
    }

    [Fact]
    public async Task Signing_out_without_an_antiforgery_token_is_400_invalid_request()
    {
        using var response = await JsonClient().PostAsync("/account/logout", new FormUrlEncodedContent([]), Cancel);

        await ProblemShape.AssertAsync(response, 400, "invalid_request");
    }
}
