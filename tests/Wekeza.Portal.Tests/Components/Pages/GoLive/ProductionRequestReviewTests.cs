using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Components.Pages.Admin;
using Wekeza.Portal.GoLive;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.GoLive;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.GoLive;

public sealed class ProductionRequestReviewTests : PortalTestContext
{
    private readonly FakeGoLiveClient _goLive = new();
    private readonly FakeReadinessClient _readiness = new();

    public ProductionRequestReviewTests()
    {
        Services.AddSingleton<IGoLiveClient>(_goLive);
        Services.AddSingleton<IReadinessClient>(_readiness);
        _goLive.Requests.Add(FakeGoLiveClient.Request() with { RedirectUris = ["https://tausi.example/callback", "http://tausi.example/cb"] });
    }

    [Fact]
    public void Approve_calls_the_api_and_shows_the_production_client()
    {
        SignInAsAdmin();
        var page = RenderReview();

        page.Find("[data-testid=approve]").Click();

        Assert.Equal(("prq_1", true, (string?)null), Assert.Single(_goLive.DecideCalls));
        Assert.Equal("approved", page.Find("[data-testid=request-state]").TextContent.Trim());
        Assert.Equal("live_9a1b", page.Find("[data-testid=production-client-id]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=approve]"));
    }

    [Fact]
    public void Reject_needs_a_note_then_sends_it()
    {
        SignInAsAdmin();
        var page = RenderReview();

        page.Find("[data-testid=reject]").Click();
        Assert.Contains("Tell the developer why", page.Find(".decision-note").TextContent);
        Assert.Empty(_goLive.DecideCalls);

        page.Find(".decision-note textarea").Change("Your website does not load.");
        page.Find("[data-testid=reject]").Click();

        Assert.Equal(("prq_1", false, "Your website does not load."), Assert.Single(_goLive.DecideCalls));
        Assert.Equal("rejected", page.Find("[data-testid=request-state]").TextContent.Trim());
    }

    [Fact]
    public void An_admin_reviewing_their_own_app_is_told_why_they_cannot()
    {
        SignInAsAdmin();
        _goLive.OnDecide = _ => new ApiResult<ProductionRequestResponse>.Failed(GoLiveClient.OwnAppMessage);
        var page = RenderReview();

        page.Find("[data-testid=approve]").Click();

        Assert.Contains("You own this app", page.Find(".api-error").TextContent);
        Assert.Equal("submitted", page.Find("[data-testid=request-state]").TextContent.Trim());
    }

    [Fact]
    public void The_readiness_report_and_the_redirect_uri_checks_are_shown()
    {
        SignInAsAdmin();
        _readiness.Report = new AppReadiness("sbx_3f9c", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-30),
            [new("GET", "/v1/accounts", 12, DateTimeOffset.UtcNow)], 40, 2, 0, 0.05m, 3, 0, 1, 4,
            [new("consent_journey", "Consent journey completed", true, true, "3 consents authorised"),
             new("payment_journey", "Payment journey completed", false, false, "no completed payment")]);

        var page = RenderReview();

        Assert.Equal(["sbx_3f9c"], _readiness.Calls);
        var checks = page.Find(".readiness-checks").TextContent;
        Assert.Contains("Consent journey completed", checks);
        Assert.Contains("no completed payment", checks);
        Assert.Contains("GET /v1/accounts", page.Find("[data-testid=readiness]").TextContent);
        var registration = page.FindAll(".registration-checks tr").Select(row => row.TextContent).ToList();
        Assert.StartsWith("✓", registration[0].Trim());
        Assert.StartsWith("✗", registration[1].Trim());
    }

    [Fact]
    public void A_missing_readiness_endpoint_is_said_plainly_and_the_request_can_still_be_decided()
    {
        SignInAsAdmin();

        var page = RenderReview();

        Assert.Contains("no readiness report", page.Find("[data-testid=readiness-unavailable]").TextContent);
        Assert.NotNull(page.Find("[data-testid=approve]"));
    }

    [Fact]
    public void Someone_who_is_not_an_admin_is_told_so_and_nothing_is_fetched()
    {
        SignInAsDeveloper();

        var page = RenderReview();

        Assert.NotNull(page.Find("[data-testid=admins-only]"));
        Assert.Empty(_readiness.Calls);
    }

    private IRenderedComponent<ProductionRequestReview> RenderReview() =>
        Render<ProductionRequestReview>(parameters => parameters.Add(p => p.RequestId, "prq_1"));
}
