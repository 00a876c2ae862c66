using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.GoLive;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Apps;
using Wekeza.Portal.Tests.GoLive;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.GoLive;

public sealed class AppGoLiveTests : PortalTestContext
{
    private readonly FakeGoLiveClient _goLive = new();

    public AppGoLiveTests()
    {
        Services.AddSingleton<IGoLiveClient>(_goLive);
        SignInAsDeveloper();
        AppsApi.Apps.Add(FakeAppsClient.App());
    }

    [Fact]
    public void The_apis_field_errors_are_shown_on_their_fields_and_the_request_is_not_submitted()
    {
        _goLive.OnSave = _ => new ApiResult<ProductionRequestResponse>.Invalid(new FieldErrors(new Dictionary<string, string[]>
        {
            ["legalName"] = ["Enter your company's registered legal name."],
            ["redirectUris[0]"] = ["Production apps need an https redirect URI; http://localhost is for sandbox apps."],
        }));
        var page = Render<AppGoLive>(parameters => parameters.Add(p => p.Id, "app_1"));
        page.Find(".redirect-uri input").Change("http://localhost:5000/cb");

        page.Find("[data-testid=submit-request]").Click();

        Assert.Contains("Enter your company's registered legal name.", page.Find(".legal-name").TextContent);
        Assert.Contains("Production apps need an https", page.Find(".redirect-uri").TextContent);
        Assert.Equal(["http://localhost:5000/cb"], Assert.Single(_goLive.SaveCalls).RedirectUris);
        Assert.Empty(_goLive.SubmitCalls);
    }

    [Fact]
    public void A_saved_and_submitted_request_shows_its_state_and_history_and_can_no_longer_be_edited()
    {
        var page = Render<AppGoLive>(parameters => parameters.Add(p => p.Id, "app_1"));
        page.Find(".legal-name input").Change("Tausi Fintech Ltd");

        page.Find("[data-testid=submit-request]").Click();

        Assert.Equal("Tausi Fintech Ltd", Assert.Single(_goLive.SaveCalls).LegalName);
        Assert.Equal(["accounts.read"], _goLive.SaveCalls[0].Scopes);
        Assert.Single(_goLive.SubmitCalls);
        Assert.Equal("submitted", page.Find("[data-testid=request-state]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=request-trail] tbody tr").Count);
        Assert.Empty(page.FindAll("[data-testid=submit-request]"));
    }

    [Fact]
    public void After_approval_the_developer_generates_the_production_secret_once()
    {
        AppsApi.Apps.Add(FakeAppsClient.App(id: "app_live", clientId: "live_9a1b") with { Environment = "production" });
        _goLive.Requests.Add(FakeGoLiveClient.Request(ProductionRequestStates.Approved) with { ProductionAppId = "app_live", ProductionClientId = "live_9a1b" });
        AppsApi.NextSecret = "wk_live_sk_shown_once";
        var page = Render<AppGoLive>(parameters => parameters.Add(p => p.Id, "app_1"));
        Assert.Equal("live_9a1b", page.Find("[data-testid=production-client-id]").TextContent);
        Assert.Empty(page.FindAll(".one-time-secret"));

        page.Find("[data-testid=reveal-production-secret]").Click();

        Assert.Equal(["app_live"], AppsApi.RotateCalls);
        Assert.Contains("wk_live_sk_shown_once", page.Find(".one-time-secret").TextContent);
    }

    [Fact]
    public void A_rejected_request_shows_the_admins_note_and_can_be_edited_again()
    {
        _goLive.Requests.Add(FakeGoLiveClient.Request(ProductionRequestStates.Rejected) with { DecisionNote = "Your website does not load." });

        var page = Render<AppGoLive>(parameters => parameters.Add(p => p.Id, "app_1"));

        Assert.Contains("Your website does not load.", page.Find("[data-testid=rejection-note]").TextContent);
        Assert.NotNull(page.Find("[data-testid=submit-request]"));
    }
}
